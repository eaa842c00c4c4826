// Just enough of the `vscode` module for the prompter adapter: quick inputs whose events a test
// fires by hand, and notifications whose answers a test queues. Loaded in place of `vscode` by
// vscodePrompter.test.ts; plain Node has no VS Code to give.

type Listener<T> = (value: T) => unknown;

class Emitter<T> {
  private listeners: Array<Listener<T>> = [];
  readonly event = (listener: Listener<T>) => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((candidate) => candidate !== listener)) };
  };

  fire(value: T): void {
    [...this.listeners].forEach((listener) => listener(value));
  }
}

export const QuickInputButtons = { Back: { iconPath: 'back' } };
export const ProgressLocation = { Notification: 15 };

export class ThemeIcon {
  constructor(readonly id: string) {}
}

export class Disposable {
  static from(...disposables: Array<{ dispose(): unknown }>): { dispose(): void } {
    return { dispose: () => disposables.forEach((disposable) => disposable.dispose()) };
  }
}

export class FakeQuickInput {
  title?: string;
  step?: number;
  totalSteps?: number;
  enabled = true;
  busy = false;
  visible = false;
  disposed = false;
  buttons: unknown[] = [];
  readonly hideEmitter = new Emitter<void>();
  readonly buttonEmitter = new Emitter<unknown>();
  readonly acceptEmitter = new Emitter<void>();
  readonly onDidHide = this.hideEmitter.event;
  readonly onDidTriggerButton = this.buttonEmitter.event;
  readonly onDidAccept = this.acceptEmitter.event;
  value = '';
  readonly changeEmitter = new Emitter<string>();
  readonly onDidChangeValue = this.changeEmitter.event;

  typeText(text: string): void {
    this.value = text;
    this.changeEmitter.fire(text);
  }

  show(): void {
    this.visible = true;
  }

  hide(): void {
    if (this.visible) {
      this.visible = false;
      this.hideEmitter.fire();
    }
  }

  dispose(): void {
    this.hide();
    this.disposed = true;
  }
}

export class FakeQuickPick extends FakeQuickInput {
  placeholder?: string;
  matchOnDetail = false;
  items: Array<{ label: string; description?: string; detail?: string; alwaysShow?: boolean }> = [];
  activeItems: unknown[] = [];
  selectedItems: unknown[] = [];

  choose(label: string): void {
    this.selectedItems = this.items.filter((item) => item.label === label);
    this.acceptEmitter.fire();
  }

  /** Enter on the highlighted item, as after typing. */
  accept(): void {
    this.selectedItems = [];
    this.acceptEmitter.fire();
  }
}

export class FakeInputBox extends FakeQuickInput {
  placeholder?: string;
  prompt?: string;
  validationMessage?: string;
}

export const shown: {
  inputs: FakeQuickInput[];
  messages: Array<{ level: string; text: string; options?: unknown; actions: string[] }>;
  progress: string[];
  answers: Array<string | undefined>;
} = { inputs: [], messages: [], progress: [], answers: [] };

function message(level: string) {
  return async (text: string, ...rest: unknown[]) => {
    const options = typeof rest[0] === 'object' ? rest.shift() : undefined;
    shown.messages.push({ level, text, options, actions: rest as string[] });
    return shown.answers.shift();
  };
}

export const window = {
  createQuickPick(): FakeQuickPick {
    const input = new FakeQuickPick();
    shown.inputs.push(input);
    return input;
  },
  createInputBox(): FakeInputBox {
    const input = new FakeInputBox();
    shown.inputs.push(input);
    return input;
  },
  showInformationMessage: message('info'),
  showWarningMessage: message('warning'),
  showErrorMessage: message('error'),
  async withProgress<T>(options: { title: string }, task: () => Promise<T>): Promise<T> {
    shown.progress.push(options.title);
    return task();
  },
};
