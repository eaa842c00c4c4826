// The traffic of whichever in-process sandbox is running, and of the recording proxy while it
// runs: follows the session as the sandbox starts and stops, and says when there is something new.
import * as vscode from 'vscode';
import type { TrafficExchange } from '../traffic/exchange';
import type { ProxyTrafficSource, RunningSandboxLike, TrafficStoreLike, WorkbenchSession } from './deps';
import { Disposable, SwappedSubscriptions } from '../common/lifecycle';
import { exchangeUrl } from './rows';

type ProxyLike = { readonly baseUrl: string; readonly traffic: TrafficStoreLike };

export class TrafficFeed extends Disposable {
  private current: RunningSandboxLike | undefined;
  private readonly sandboxSubscriptions = this._register(new SwappedSubscriptions());
  private proxy: ProxyLike | undefined;
  private readonly proxySubscriptions = this._register(new SwappedSubscriptions());
  private readonly recorded = this._register(new vscode.EventEmitter<TrafficExchange>());
  private readonly changed = this._register(new vscode.EventEmitter<void>());

  /** One exchange was recorded (with its findings). */
  readonly onDidRecord = this.recorded.event;
  /** The sandbox started or stopped, or its traffic was cleared: show everything again. */
  readonly onDidReset = this.changed.event;

  constructor(session: WorkbenchSession, proxy?: ProxyTrafficSource) {
    super();
    this._register(session.onDidChangeSandbox((sandbox) => this.follow(sandbox)));
    if (proxy) {
      this._register(proxy.onDidChange(() => this.followProxy(proxy.current())));
    }
    this.followProxy(proxy?.current());
    void session.runningSandbox?.then(
      (sandbox) => this.current === undefined && this.follow(sandbox),
      () => undefined,
    );
  }

  get sandbox(): RunningSandboxLike | undefined {
    return this.current;
  }

  /** The sandbox's exchanges and the proxy's, newest first. */
  list(): TrafficExchange[] {
    const sandbox = this.current?.traffic.list() ?? [];
    const proxied = this.proxy?.traffic.list() ?? [];
    if (proxied.length === 0) {
      return sandbox;
    }
    return [...sandbox, ...proxied].sort((a, b) => b.startedAt - a.startedAt);
  }

  get(id: number): TrafficExchange | undefined {
    return this.current?.traffic.get(id) ?? this.proxy?.traffic.get(id);
  }

  get capacity(): number {
    return this.current?.traffic.capacity ?? this.proxy?.traffic.capacity ?? 0;
  }

  clear(): void {
    this.current?.traffic.clear();
    this.proxy?.traffic.clear();
  }

  /** The URL the exchange was sent to, on the origin of the sandbox or proxy that took it. */
  urlOf(exchange: TrafficExchange): string {
    return exchangeUrl(exchange, (exchange.source.kind === 'proxy' ? this.proxy : this.current)?.baseUrl);
  }

  private followProxy(proxy: ProxyLike | undefined): void {
    if (proxy === this.proxy) {
      return;
    }
    this.proxy = proxy;
    this.proxySubscriptions.set(proxy ? [proxy.traffic.onDidRecord((exchange) => this.recorded.fire(exchange)), proxy.traffic.onDidClear(() => this.changed.fire())] : []);
    this.changed.fire();
  }

  private follow(sandbox: RunningSandboxLike | undefined): void {
    this.current = sandbox;
    this.sandboxSubscriptions.set(sandbox ? [sandbox.traffic.onDidRecord((exchange) => this.recorded.fire(exchange)), sandbox.traffic.onDidClear(() => this.changed.fire())] : []);
    this.changed.fire();
  }
}
