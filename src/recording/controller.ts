// The recording proxy inside VS Code: starts and stops the one proxy of the window, keeps its
// traffic (also after it stopped, so it can still be saved), and says what it is doing in the
// status bar. The proxy itself is loaded from its own bundle only when first started.
import * as vscode from 'vscode';
import { Emitter, type Event } from '../common/emitter';
import { Disposable } from '../common/lifecycle';
import type { ProxyOptions, RunningProxy, WritesMode } from '../proxy/types';
import type { RunningSandbox, SandboxOptions } from '../sandbox/types';
import type { TrafficStore } from '../traffic/store';
import { COMMANDS, CONTEXT_KEYS } from '../common/ids';
import { bundleLoader } from '../common/lazyBundle';

export interface ProxyModule {
  startProxy(options: ProxyOptions): Promise<RunningProxy>;
  startSandbox(options?: SandboxOptions): Promise<RunningSandbox>;
}

export function proxyFromBundle(bundlePath: string): () => ProxyModule {
  return bundleLoader<ProxyModule>(bundlePath, ['startProxy', 'startSandbox']);
}

const PROXY_FIRST_ID = 1_000_000_001;

export interface ProxyStart {
  upstream: string;
  /** `staging`, `production`. */
  environment: string;
  writes: WritesMode;
  port: number;
}

export class RecordingProxyController extends Disposable implements vscode.Disposable {
  private running: RunningProxy | undefined;
  private starting: Promise<RunningProxy> | undefined;
  /** The traffic of the proxy running now, or of the last one. */
  private lastTraffic: TrafficStore | undefined;
  private lastEnvironment = '';
  private recordListener: { dispose(): void } | undefined;
  private readonly changed = this._register(new Emitter<void>());
  private readonly item = this._register(vscode.window.createStatusBarItem('oto.proxy', vscode.StatusBarAlignment.Left, 9));

  /** Started, stopped, or an exchange more. */
  readonly onDidChange: Event<void> = this.changed.event;

  /** The running proxy, as the Sandbox Traffic view reads it. */
  current(): RunningProxy | undefined {
    return this.running;
  }

  constructor(private readonly load: () => ProxyModule) {
    super();
    this.item.name = vscode.l10n.t('OTO Recording Proxy');
    this.item.command = COMMANDS.stopRecordingProxy;
  }

  get proxy(): RunningProxy | undefined {
    return this.running;
  }

  get environment(): string {
    return this.lastEnvironment;
  }

  get traffic(): TrafficStore | undefined {
    return this.running?.traffic ?? this.lastTraffic;
  }

  get module(): ProxyModule {
    return this.load();
  }

  async start(options: ProxyStart): Promise<RunningProxy> {
    if (this.running || this.starting) {
      throw new Error(vscode.l10n.t('The recording proxy is already running.'));
    }
    // Ids of their own, so the Sandbox Traffic view can show these beside the sandbox's exchanges.
    this.starting = this.load().startProxy({ ...options, traffic: { firstId: PROXY_FIRST_ID } });
    try {
      const proxy = await this.starting;
      this.running = proxy;
      this.lastTraffic = proxy.traffic;
      this.lastEnvironment = options.environment;
      this.recordListener = proxy.traffic.onDidRecord(() => {
        this.update();
        this.changed.fire();
      });
      void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.proxyRunning, true);
      this.update();
      this.changed.fire();
      return proxy;
    } finally {
      this.starting = undefined;
    }
  }

  async stop(): Promise<boolean> {
    const proxy = this.running;
    if (!proxy) {
      return false;
    }
    this.running = undefined;
    this.recordListener?.dispose();
    await proxy.close();
    void vscode.commands.executeCommand('setContext', CONTEXT_KEYS.proxyRunning, false);
    this.update();
    this.changed.fire();
    return true;
  }

  private update(): void {
    const proxy = this.running;
    if (!proxy) {
      this.item.hide();
      return;
    }
    const mode = writesLabel(proxy.writes);
    this.item.text = `$(record) ${vscode.l10n.t('OTO proxy → {0} · {1} · {2}', this.lastEnvironment, mode, proxy.exchangeCount)}`;
    const tooltip = vscode.l10n.t(
      'Recording proxy on {0}, forwarding to {1} ({2}). Writes: {3}. Exchanges seen: {4}. Click to stop it.',
      proxy.baseUrl, proxy.upstream, this.lastEnvironment, mode, proxy.exchangeCount,
    );
    this.item.tooltip = tooltip;
    this.item.accessibilityInformation = { label: tooltip, role: 'button' };
    // A proxy sending writes to production is the one state that must not be missed.
    this.item.backgroundColor = proxy.writes === 'forward' && this.lastEnvironment === 'production' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  override dispose(): void {
    void this.stop();
    super.dispose();
  }
}

export function writesLabel(writes: WritesMode): string {
  switch (writes) {
    case 'forward':
      return vscode.l10n.t('writes forwarded');
    case 'block':
      return vscode.l10n.t('writes blocked');
    default:
      return vscode.l10n.t('writes simulated');
  }
}
