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
import { registerLazyCommands } from '../common/lazyCommands';

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
  registerLazyCommands(context.subscriptions, part.load, {
    [COMMANDS.startRecordingProxy]: (runtime) => runtime.start(),
    [COMMANDS.stopRecordingProxy]: (runtime) => runtime.stop(),
    [COMMANDS.saveRecording]: (runtime) => runtime.save(),
    [COMMANDS.replayRecording]: (runtime) => runtime.replay(),
  }, {
    onError(id, error) {
      const message = error instanceof Error ? error.message : String(error);
      log.error(`${id}: ${message}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('OTO recording proxy: {0}', message));
    },
  });
  context.subscriptions.push(changed);
  return { current: () => part.started?.current(), onDidChange: changed.event };
}
