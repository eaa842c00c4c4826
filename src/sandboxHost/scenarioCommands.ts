// "OTO: Reset Sandbox", "OTO: Save Sandbox State as Scenario", the offer to reset when
// .oto/sandbox.json changes (src/sandboxHost/index.ts watches it), and what a start has to say
// (a busy port, a broken file).
import * as vscode from 'vscode';
import type { SandboxHost, SandboxStart } from './host';
import { SCENARIO_FILE } from './host';
import { scenarioUri } from './vscodeHost';
import { confirmModal } from '../common/ui/confirm';

export interface ScenarioCommandsDeps {
  host: SandboxHost;
  restartSandbox: () => Promise<void>;
  /** Starts the sandbox if needed; false (having said why) when it is not the active environment. */
  ensureRunning: () => Promise<boolean>;
}

async function openScenario(): Promise<void> {
  const uri = scenarioUri();
  if (uri) {
    await vscode.window.showTextDocument(uri);
  }
}

async function showScenarioProblem(message: string): Promise<void> {
  const open = vscode.l10n.t('Open Scenario');
  if ((await vscode.window.showErrorMessage(message, open)) === open) {
    await openScenario();
  }
}

/**
 * Reset, Save State as Scenario and the offer to reset after an edit of the scenario file: one
 * per activation of the bundle, which owns what this window last wrote to the file.
 */
export class ScenarioCommands {
  /** Text this window wrote to the scenario file itself, so its own save is not offered as an edit. */
  private lastWritten: string | undefined;

  constructor(private readonly deps: ScenarioCommandsDeps) {}

  reset(confirmed = false): Promise<void> {
    return resetSandbox(this.deps, confirmed);
  }

  async saveState(): Promise<void> {
    const save = await stateToSave(this.deps);
    if (save !== undefined) {
      this.lastWritten = save.text;
      await writeScenario(save.uri, save.text);
    }
  }

  /** The scenario file was edited: offers a reset to start from it, or points at its problem. */
  async offerReset(): Promise<void> {
    const uri = scenarioUri();
    const text = uri && (await vscode.workspace.fs.readFile(uri).then((bytes) => new TextDecoder().decode(bytes), () => undefined));
    if (text !== undefined && text === this.lastWritten) {
      return;
    }
    await offerResetFor(this.deps);
  }
}

/** Resets, after asking unless `confirmed`; a broken scenario changes nothing and is named. */
async function resetSandbox({ host, restartSandbox }: ScenarioCommandsDeps, confirmed: boolean): Promise<void> {
  const reading = await host.readScenario();
  if (reading.kind === 'broken') {
    await showScenarioProblem(vscode.l10n.t('The sandbox was not reset, and keeps its state: {0}', reading.message));
    return;
  }
  const source = reading.kind === 'ok' ? SCENARIO_FILE : vscode.l10n.t('the demo data');
  if (!confirmed) {
    if (!(await confirmModal(vscode.l10n.t('Reset the sandbox? Its stock, orders and every change made to them are replaced by {0}.', source), vscode.l10n.t('Reset Sandbox')))) {
      return;
    }
  }
  const after = await host.reset(restartSandbox);
  if (after.kind === 'broken') {
    await showScenarioProblem(vscode.l10n.t('The sandbox was not reset, and keeps its state: {0}', after.message));
    return;
  }
  void vscode.window.showInformationMessage(vscode.l10n.t('The sandbox was reset to {0}.', after.kind === 'ok' ? SCENARIO_FILE : vscode.l10n.t('the demo data')));
}

/** The sandbox's state as scenario text and where it goes, once the user agreed to write it (undefined: nothing to write). */
async function stateToSave({ host, ensureRunning }: ScenarioCommandsDeps): Promise<{ uri: vscode.Uri; text: string } | undefined> {
  const uri = scenarioUri();
  if (!uri) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Open a folder first: the sandbox scenario is {0} in the workspace.', SCENARIO_FILE));
    return undefined;
  }
  if (!(await ensureRunning())) {
    return undefined;
  }
  const text = await host.scenarioText();
  if (text === undefined) {
    return undefined;
  }
  const exists = await vscode.workspace.fs.stat(uri).then(() => true, () => false);
  if (exists) {
    if (!(await confirmModal(vscode.l10n.t('Replace {0} with the sandbox’s current state? Its refresh token, latency, token lifetime and faults are kept.', SCENARIO_FILE), vscode.l10n.t('Replace')))) {
      return undefined;
    }
  }
  return { uri, text };
}

async function writeScenario(uri: vscode.Uri, text: string): Promise<void> {
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  await vscode.window.showTextDocument(uri, { preview: false });
  void vscode.window.showInformationMessage(vscode.l10n.t('Saved the sandbox’s state to {0}. "OTO: Reset Sandbox" starts from it.', SCENARIO_FILE));
}

async function offerResetFor(deps: ScenarioCommandsDeps): Promise<void> {
  const reading = await deps.host.readScenario();
  if (reading.kind === 'broken') {
    await showScenarioProblem(vscode.l10n.t('The sandbox keeps its state until the scenario is fixed: {0}', reading.message));
    return;
  }
  if (reading.kind === 'ok') {
    const reset = vscode.l10n.t('Reset Sandbox');
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t('{0} changed. Reset the sandbox to start from it? Its current stock and orders are replaced.', SCENARIO_FILE),
      reset,
    );
    if (choice === reset) {
      await resetSandbox(deps, true);
    }
  }
}

/** What a start has to tell: another port than configured, a scenario or saved state not used. */
export function announceStart(start: SandboxStart): void {
  if (start.busyPort !== undefined) {
    const copy = vscode.l10n.t('Copy URL');
    void vscode.window
      .showWarningMessage(
        vscode.l10n.t('Port {0} is in use, so the sandbox listens on {1} instead. Set oto.sandbox.port to choose another port.', start.busyPort, start.baseUrl),
        copy,
      )
      .then((choice) => (choice === copy ? vscode.env.clipboard.writeText(start.baseUrl) : undefined));
  }
  if (start.scenarioProblem !== undefined) {
    void showScenarioProblem(vscode.l10n.t('The sandbox started without its scenario: {0}', start.scenarioProblem));
  }
  if (start.stateProblem !== undefined) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t('The saved sandbox state could not be restored ({0}), so the sandbox starts afresh.', start.stateProblem),
    );
  }
}
