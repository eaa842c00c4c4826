// The traffic of whichever in-process sandbox is running: follows the session as the sandbox
// starts and stops, and says when there is something new to show.
import * as vscode from 'vscode';
import type { TrafficExchange } from '../traffic/exchange';
import type { RunningSandboxLike, WorkbenchSession } from './deps';

export class TrafficFeed implements vscode.Disposable {
  private current: RunningSandboxLike | undefined;
  private subscriptions: Array<{ dispose(): unknown }> = [];
  private readonly sessionSubscription: { dispose(): unknown };
  private readonly recorded = new vscode.EventEmitter<TrafficExchange>();
  private readonly changed = new vscode.EventEmitter<void>();

  /** One exchange was recorded (with its findings). */
  readonly onDidRecord = this.recorded.event;
  /** The sandbox started or stopped, or its traffic was cleared: show everything again. */
  readonly onDidReset = this.changed.event;

  constructor(session: WorkbenchSession) {
    this.sessionSubscription = session.onDidChangeSandbox((sandbox) => this.follow(sandbox));
    void session.runningSandbox?.then(
      (sandbox) => this.current === undefined && this.follow(sandbox),
      () => undefined,
    );
  }

  get sandbox(): RunningSandboxLike | undefined {
    return this.current;
  }

  /** The sandbox's exchanges, newest first. */
  list(): TrafficExchange[] {
    return this.current?.traffic.list() ?? [];
  }

  get(id: number): TrafficExchange | undefined {
    return this.current?.traffic.get(id);
  }

  get capacity(): number {
    return this.current?.traffic.capacity ?? 0;
  }

  clear(): void {
    this.current?.traffic.clear();
  }

  /** The URL the exchange was sent to, on the sandbox's own origin. */
  urlOf(exchange: TrafficExchange): string {
    const origin = this.current ? new URL(this.current.baseUrl).origin : 'http://127.0.0.1';
    return `${origin}${exchange.target ?? exchange.path}`;
  }

  private follow(sandbox: RunningSandboxLike | undefined): void {
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.current = sandbox;
    this.subscriptions = sandbox
      ? [sandbox.traffic.onDidRecord((exchange) => this.recorded.fire(exchange)), sandbox.traffic.onDidClear(() => this.changed.fire())]
      : [];
    this.changed.fire();
  }

  dispose(): void {
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.sessionSubscription.dispose();
    this.recorded.dispose();
    this.changed.dispose();
  }
}
