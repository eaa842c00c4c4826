// The recording proxy's commands: Start/Stop Recording Proxy, Save Recording…, Replay Recording
// against Sandbox. Thin prompts over the proxy core (src/proxy) and its recording functions.
import * as vscode from 'vscode';
import type { VirtualTexts } from '../common/ui/virtualTexts';
import { parseRecording, recordedExchanges, recordingText, RecordingError, replayRecording as replayAgainst, replaySides } from '../proxy/recording';
import type { WritesMode } from '../proxy/types';
import type { RemoteEnvironment } from '../session/environment';
import { environmentName } from '../session/describe';
import { type RecordingProxyController, writesLabel } from './controller';
import type { RecordingWiring } from './deps';
import { confirmModal } from '../common/ui/confirm';
import { withAbortSignal } from '../common/ui/cancellation';
import { plural } from '../common/text/plural';
import { readSetting } from '../common/settings/read';

const configuredPort = (): number => readSetting('proxy.port');

async function pickUpstream(wiring: RecordingWiring): Promise<{ environment: RemoteEnvironment; upstream: string } | undefined> {
  const remotes: RemoteEnvironment[] = ['staging', 'production'];
  const items = remotes.map((environment) => {
    const upstream = wiring.upstreamOf(environment);
    return { label: environmentName(environment), description: upstream, environment, upstream, picked: wiring.environment() === environment };
  });
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Recording proxy: forward to which OTO?'), placeHolder: vscode.l10n.t('The integration keeps its own token; the extension adds none.') });
  if (!picked) {
    return undefined;
  }
  if (picked.upstream === undefined) {
    void vscode.window.showErrorMessage(vscode.l10n.t('The oto.baseUrl setting is not a URL the proxy may forward to (https, or http only to this machine). Nothing was started.'));
    return undefined;
  }
  return { environment: picked.environment, upstream: picked.upstream };
}

async function pickWrites(): Promise<WritesMode | undefined> {
  const items: Array<vscode.QuickPickItem & { writes: WritesMode }> = [
    { writes: 'block', label: `$(circle-slash) ${writesLabel('block')}`, detail: vscode.l10n.t('Writes are answered 403 and never sent; reads pass.') },
    { writes: 'simulate', label: `$(beaker) ${writesLabel('simulate')}`, detail: vscode.l10n.t('Writes are answered as OTO would, never sent; later reads through the proxy show the simulated change.') },
    { writes: 'forward', label: `$(arrow-right) ${writesLabel('forward')}`, detail: vscode.l10n.t('Writes are sent on and change the real stock.') },
  ];
  return (await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Recording proxy: what happens to writes?') }))?.writes;
}

export async function startProxy(controller: RecordingProxyController, deps: RecordingWiring): Promise<void> {
  if (controller.proxy) {
    void vscode.window.showInformationMessage(vscode.l10n.t('The recording proxy is already running on {0}.', controller.proxy.baseUrl));
    return;
  }
  const target = await pickUpstream(deps);
  const writes = target && (await pickWrites());
  if (!target || !writes) {
    return;
  }
  if (target.environment === 'production' && writes === 'forward') {
    const confirmed = await confirmModal(
      vscode.l10n.t('Writes sent through the proxy will change real stock in OTO production.'),
      vscode.l10n.t('Forward writes to production'),
      vscode.l10n.t('Choose "writes blocked" or "writes simulated" to watch an integration without changing anything.'),
    );
    if (!confirmed) {
      return;
    }
  }
  const port = configuredPort();
  const options = { upstream: target.upstream, environment: target.environment, writes, port };
  let proxy;
  try {
    proxy = await controller.start(options);
  } catch (error) {
    if (!(error instanceof Error && /already in use/.test(error.message)) || port === 0) {
      throw error;
    }
    proxy = await controller.start({ ...options, port: 0 });
    void vscode.window.showWarningMessage(vscode.l10n.t('Port {0} is busy, so the recording proxy listens on {1} instead.', port, proxy.baseUrl));
  }
  deps.log.info(`recording proxy on ${proxy.baseUrl} → ${proxy.upstream} (writes: ${proxy.writes})`);
  const copy = vscode.l10n.t('Copy Base URL');
  const baseUrl = proxy.baseUrl;
  // Not awaited: the command is done once the proxy listens, whether or not the message is answered.
  void vscode.window
    .showInformationMessage(vscode.l10n.t('Recording proxy on {0} → OTO {1}, {2}. Point your integration at it.', baseUrl, target.environment, writesLabel(writes)), copy)
    .then((answer) => (answer === copy ? vscode.env.clipboard.writeText(baseUrl) : undefined));
}

export async function stopProxy(controller: RecordingProxyController): Promise<void> {
  if (await controller.stop()) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Recording proxy stopped. Its exchanges can still be saved with "OTO: Save Recording…".'));
  }
}

export async function saveRecording(controller: RecordingProxyController): Promise<void> {
  const traffic = controller.traffic;
  const exchanges = traffic ? recordedExchanges(traffic) : [];
  if (exchanges.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('The recording proxy has seen no exchange yet: nothing to save.'));
    return;
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = `oto-recording-${controller.environment || 'proxy'}.jsonl`;
  const target = await vscode.window.showSaveDialog({
    title: vscode.l10n.t('Save Recording'),
    defaultUri: folder ? vscode.Uri.joinPath(folder, name) : undefined,
    filters: { [vscode.l10n.t('JSON Lines')]: ['jsonl'] },
  });
  if (!target) {
    return;
  }
  // Captured exchanges carry tokens shortened already: the file holds no credential.
  await vscode.workspace.fs.writeFile(target, Buffer.from(recordingText(exchanges), 'utf8'));
  void vscode.window.showInformationMessage(plural(exchanges.length, 'Saved 1 exchange to {1}.', 'Saved {0} exchanges to {1}.', vscode.workspace.asRelativePath(target)));
}

export async function replayRecording(controller: RecordingProxyController, documents: VirtualTexts): Promise<void> {
  const [file] =
    (await vscode.window.showOpenDialog({ title: vscode.l10n.t('Replay Recording against Sandbox'), canSelectMany: false, filters: { [vscode.l10n.t('JSON Lines')]: ['jsonl'] } })) ?? [];
  if (!file) {
    return;
  }
  let recorded;
  try {
    recorded = parseRecording(Buffer.from(await vscode.workspace.fs.readFile(file)).toString('utf8'));
  } catch (error) {
    if (error instanceof RecordingError) {
      void vscode.window.showErrorMessage(vscode.l10n.t('{0} cannot be replayed: {1}', vscode.workspace.asRelativePath(file), error.message));
      return;
    }
    throw error;
  }
  const pairs = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: plural(recorded.length, 'Replaying 1 request against a fresh sandbox…', 'Replaying {0} requests against a fresh sandbox…'), cancellable: true },
    (_progress, token) => withAbortSignal(token, async (signal) => {
      // A sandbox of its own, with the default data: the replayed writes change nobody's state.
      const sandbox = await controller.module.startSandbox({ traffic: false });
      try {
        return await replayAgainst(recorded, sandbox, signal);
      } finally {
        await sandbox.close();
      }
    }),
  ).then(undefined, (error: unknown) => {
    if (error instanceof Error && error.name === 'AbortError') {
      return undefined;
    }
    throw error;
  });
  if (!pairs) {
    return;
  }
  const sides = replaySides(pairs);
  const left = documents.register(vscode.l10n.t('recorded.txt'), sides.recorded);
  const right = documents.register(vscode.l10n.t('sandbox.txt'), sides.sandbox);
  await vscode.commands.executeCommand('vscode.diff', left, right, plural(pairs.length, 'Recording ↔ Sandbox (1 exchange)', 'Recording ↔ Sandbox ({0} exchanges)'), { preview: false });
}
