// The recording proxy's commands, registered at start; their work (and the proxy) lives in
// dist/recording.js, loaded on the first of them.
import * as vscode from 'vscode';
import { COMMANDS } from '../common/ids';
import { Emitter } from '../common/emitter';
import { lazyPart } from '../common/lazyBundle';
import { BaseUrlError } from '../session/errors';
import type { RemoteEnvironment } from '../session/environment';
import type { Session } from '../session/session';
import type { ProxyTrafficSource } from '../workbench/deps';
import type { RecordingRuntime, RecordingWiring } from './deps';

export interface RecordingDeps {
  session: Pick<Session, 'environment' | 'upstreamOf'>;
  log: vscode.LogOutputChannel;
}

export function registerRecording(context: vscode.ExtensionContext, { session, log }: RecordingDeps): ProxyTrafficSource {
  const changed = new Emitter<void>();
  const upstreamOf = (environment: RemoteEnvironment): string | undefined => {
    try {
      return session.upstreamOf(environment);
    } catch (error) {
      if (error instanceof BaseUrlError) {
        return undefined;
      }
      throw error;
    }
  };
  const part = lazyPart<RecordingWiring, RecordingRuntime>(context, 'recording', {
    environment: () => session.environment,
    upstreamOf,
    log,
    proxyBundle: context.asAbsolutePath('dist/proxy.js'),
    changed: () => changed.fire(),
  });
  const register = (id: string, run: (runtime: RecordingRuntime) => Promise<unknown>) =>
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async () => {
        try {
          await run(part.load());
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          log.error(`${id}: ${message}`);
          void vscode.window.showErrorMessage(vscode.l10n.t('OTO recording proxy: {0}', message));
        }
      }),
    );
  register(COMMANDS.startRecordingProxy, (runtime) => runtime.start());
  register(COMMANDS.stopRecordingProxy, (runtime) => runtime.stop());
  register(COMMANDS.saveRecording, (runtime) => runtime.save());
  register(COMMANDS.replayRecording, (runtime) => runtime.replay());
  context.subscriptions.push(changed);
  return { current: () => part.started?.current(), onDidChange: changed.event };
}
