// The prompt interface on VS Code's own UI: QuickPick and InputBox with step counter and Back
// button, notifications, modal confirmations and progress. One per command run: the previous
// quick input stays up (busy) until the next replaces it, so stepping through does not flicker.
import * as vscode from 'vscode';
import { withCancellableProgress } from '../../common/ui/progress';
import { BACK, ConfirmRequest, InputRequest, MessageLevel, PickManyRequest, PickRequest, Prompted, Prompter, StepPosition } from './prompter';

interface IndexedItem extends vscode.QuickPickItem {
  /** Into the request's items; -1 for the typed choice, -2 for a problem row (accepting it does nothing). */
  index: number;
}

const TYPED = -1;
const PROBLEM = -2;

/** "Adjust Stock (2/3)"; a flow of one step shows no "(1/1)". Whether it stays open on focus out. */
function showStep(input: vscode.QuickInput, position: StepPosition): void {
  input.step = position.totalSteps > 1 ? position.step : undefined;
  input.totalSteps = position.totalSteps > 1 ? position.totalSteps : undefined;
  input.ignoreFocusOut = position.ignoreFocusOut ?? false;
}

export class VsCodePrompter implements Prompter, vscode.Disposable {
  private current: vscode.QuickInput | undefined;

  pick<T>(request: PickRequest<T>): Promise<Prompted<T>> {
    const quickPick = vscode.window.createQuickPick<IndexedItem>();
    quickPick.title = request.title;
    showStep(quickPick, request);
    quickPick.placeholder = request.placeholder;
    quickPick.matchOnDetail = request.matchOnDetail ?? false;
    quickPick.matchOnDescription = request.matchOnDescription ?? false;
    const listed: IndexedItem[] = request.items.map((item, index) => ({ label: item.label, description: item.description, detail: item.detail, index }));
    let typed: T | undefined;
    // The typed choice, or a problem (with what was typed or chosen), sits above the listed items.
    const show = (text: string, refused?: string): void => {
      const reading = request.typed?.(text);
      typed = reading && 'item' in reading ? reading.item.value : undefined;
      const problem = refused ?? (reading && 'problem' in reading ? reading.problem : undefined);
      const top: IndexedItem | undefined = problem !== undefined
        ? { label: `$(error) ${problem}`, index: PROBLEM, alwaysShow: true }
        : reading && 'item' in reading ? { label: reading.item.label, description: reading.item.description, index: TYPED, alwaysShow: true } : undefined;
      quickPick.items = top ? [top, ...listed] : listed;
      if (top?.index === TYPED) {
        quickPick.activeItems = [top];
      }
    };
    show('');
    const active = request.activeIndex === undefined ? undefined : listed[request.activeIndex];
    if (active) {
      quickPick.activeItems = [active];
    }
    return this.show<T>(quickPick, request.canGoBack, [], (settle) =>
      vscode.Disposable.from(
        quickPick.onDidChangeValue((text) => request.typed && show(text)),
        quickPick.onDidAccept(() => {
          const [chosen] = quickPick.selectedItems.length > 0 ? quickPick.selectedItems : quickPick.activeItems;
          if (!chosen || chosen.index === PROBLEM) {
            return;
          }
          const value = chosen.index === TYPED ? (typed as T) : request.items[chosen.index].value;
          const problem = request.validate?.(value);
          if (problem === undefined) {
            settle(value);
          } else {
            show(quickPick.value, problem);
          }
        }),
      ),
    );
  }

  pickMany<T>(request: PickManyRequest<T>): Promise<Prompted<T[]>> {
    const quickPick = vscode.window.createQuickPick<IndexedItem>();
    quickPick.title = request.title;
    showStep(quickPick, request);
    quickPick.placeholder = request.placeholder;
    quickPick.canSelectMany = true;
    const items = request.items.map((item, index): IndexedItem => ({ label: item.label, description: item.description, detail: item.detail, index }));
    quickPick.items = items;
    quickPick.selectedItems = items.filter((item) => request.items[item.index].picked);
    return this.show<T[]>(quickPick, request.canGoBack, [], (settle) => quickPick.onDidAccept(() => settle(quickPick.selectedItems.map((item) => request.items[item.index].value))));
  }

  input(request: InputRequest): Promise<Prompted<string>> {
    const box = vscode.window.createInputBox();
    box.title = request.title;
    showStep(box, request);
    box.value = request.value;
    box.placeholder = request.placeholder;
    box.prompt = request.prompt(request.value);
    // An empty box is not an error yet; a prefilled value is checked at once.
    box.validationMessage = request.value === '' ? undefined : request.validate(request.value);
    const alternative = request.alternative && { iconPath: new vscode.ThemeIcon('debug-step-over'), tooltip: request.alternative.tooltip };
    return this.show<string>(box, request.canGoBack, alternative ? [alternative] : [], (settle) => {
      const accept = (then?: () => void): void => {
        const problem = request.validate(box.value);
        if (problem) {
          box.validationMessage = problem;
        } else {
          then?.();
          settle(box.value);
        }
      };
      return vscode.Disposable.from(
        box.onDidChangeValue((text) => {
          box.prompt = request.prompt(text);
          box.validationMessage = text === '' ? undefined : request.validate(text);
        }),
        box.onDidAccept(() => accept()),
        box.onDidTriggerButton((button) => {
          if (button === alternative) {
            accept(() => request.alternative?.choose());
          }
        }),
      );
    });
  }

  async confirm(request: ConfirmRequest): Promise<boolean> {
    this.dispose();
    const choice = await vscode.window.showWarningMessage(request.message, { modal: true, detail: request.detail }, request.confirm);
    return choice === request.confirm;
  }

  async message<A extends string>(level: MessageLevel, text: string, actions: readonly A[]): Promise<A | undefined> {
    this.dispose();
    const show =
      level === 'error' ? vscode.window.showErrorMessage : level === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    return show<A>(text, ...actions);
  }

  progress<T>(title: string, task: (signal?: AbortSignal) => Promise<T>, options?: { cancellable?: boolean }): Promise<T> {
    if (this.current) {
      this.current.busy = true;
    }
    if (options?.cancellable) {
      return withCancellableProgress({ title }, (signal) => task(signal));
    }
    return Promise.resolve(vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title }, () => task()));
  }

  dispose(): void {
    this.current?.dispose();
    this.current = undefined;
  }

  private show<T>(input: vscode.QuickPick<IndexedItem> | vscode.InputBox, canGoBack: boolean, buttons: readonly vscode.QuickInputButton[], onAnswer: (settle: (value: T) => void) => vscode.Disposable): Promise<Prompted<T>> {
    return new Promise((resolve) => {
      const listeners: vscode.Disposable[] = [];
      const settle = (answer: Prompted<T>) => {
        listeners.forEach((listener) => {
          listener.dispose();
        });
        // Keep the answered input on screen, disabled, until the next step or message replaces it.
        input.enabled = false;
        input.busy = answer !== undefined;
        resolve(answer);
      };
      input.buttons = [...(canGoBack ? [vscode.QuickInputButtons.Back] : []), ...buttons];
      listeners.push(
        onAnswer(settle),
        input.onDidTriggerButton((button) => {
          if (button === vscode.QuickInputButtons.Back) {
            settle(BACK);
          }
        }),
        input.onDidHide(() => settle(undefined)),
      );
      this.current?.dispose();
      this.current = input;
      input.show();
    });
  }
}
