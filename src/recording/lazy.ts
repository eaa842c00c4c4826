// The recording proxy's bundle (dist/recording.js), loaded on the first of its commands: the
// controller with its status bar item, the prompts, and the replay against a private sandbox.
import * as vscode from 'vscode';
import { configureLocalisation } from '../common/text/localisation';
import { VirtualTexts } from '../common/ui/virtualTexts';
import { replayRecording, saveRecording, startProxy, stopProxy } from './commands';
import { proxyFromBundle, RecordingProxyController } from './controller';
import type { RecordingRuntime, RecordingWiring } from './deps';

export type { RecordingRuntime };

const REPLAY_SCHEME = 'oto-replay';

export function start(wiring: RecordingWiring, subscriptions: vscode.Disposable[]): RecordingRuntime {
  // This bundle has its own copy of `@vscode/l10n` and the display language.
  configureLocalisation();
  const controller = new RecordingProxyController(proxyFromBundle(wiring.proxyBundle));
  const documents = new VirtualTexts(REPLAY_SCHEME);
  subscriptions.push(controller, documents, controller.onDidChange(() => wiring.changed()));
  return {
    start: () => startProxy(controller, wiring),
    stop: () => stopProxy(controller),
    save: () => saveRecording(controller),
    replay: () => replayRecording(controller, documents),
    current: () => controller.current(),
  };
}
