// The VS Code adapter of the prompt interface, over a stand-in `vscode` module: the step counter,
// Back button, validation as you type, and one quick input on screen at a time.
import * as assert from 'node:assert';
import Module = require('node:module');
import { BACK } from '../../../src/stockChange/prompts/prompter';
import type { VsCodePrompter as Prompter } from '../../../src/stockChange/prompts/vscodePrompter';
import type * as Fake from './fakeVscode';

type Resolver = { _resolveFilename(request: string, ...rest: unknown[]): string };
const resolver = Module as unknown as Resolver;

describe('stock change: the VS Code prompter adapter', () => {
  const original = resolver._resolveFilename;
  let fake: typeof Fake;
  let VsCodePrompter: typeof Prompter;

  before(() => {
    resolver._resolveFilename = function (request: string, ...rest: unknown[]) {
      return original.call(this, request === 'vscode' ? require.resolve('./fakeVscode') : request, ...rest);
    };
    fake = require('./fakeVscode');
    ({ VsCodePrompter } = require('../../../src/stockChange/prompts/vscodePrompter'));
  });
  after(() => {
    resolver._resolveFilename = original;
  });
  beforeEach(() => {
    fake.shown.inputs.length = 0;
    fake.shown.messages.length = 0;
  });

  const position = { title: 'Adjust Stock', totalSteps: 3 };
  const items = [
    { label: 'RUH-WH1', description: 'Riyadh', value: 'ruh' },
    { label: 'JED-WH1', description: 'Jeddah', value: 'jed' },
  ];

  it('shows a quick pick with its step, no Back on a first step, and answers the chosen value', async () => {
    const prompter = new VsCodePrompter();
    const answer = prompter.pick({ ...position, step: 1, placeholder: 'Pick a location', items, activeIndex: 1, canGoBack: false });
    const pick = fake.shown.inputs[0] as Fake.FakeQuickPick;
    assert.deepStrictEqual([pick.title, pick.step, pick.totalSteps, pick.placeholder, pick.visible], ['Adjust Stock', 1, 3, 'Pick a location', true]);
    assert.deepStrictEqual(pick.buttons, []);
    assert.deepStrictEqual(pick.activeItems, [pick.items[1]]);
    pick.choose('RUH-WH1');
    assert.strictEqual(await answer, 'ruh');
    assert.deepStrictEqual([pick.enabled, pick.busy, pick.disposed], [false, true, false], 'stays up, busy, until the next step replaces it');

    const next = prompter.pick({ ...position, step: 2, placeholder: 'Pick a SKU', items, canGoBack: true });
    assert.strictEqual(pick.disposed, true);
    const second = fake.shown.inputs[1] as Fake.FakeQuickPick;
    assert.deepStrictEqual(second.buttons, [fake.QuickInputButtons.Back]);
    second.buttonEmitter.fire(fake.QuickInputButtons.Back);
    assert.strictEqual(await next, BACK);

    const third = prompter.pick({ ...position, step: 1, placeholder: 'Pick a location', items, canGoBack: false });
    const single = prompter.input({ title: 'Set Stock', step: 1, totalSteps: 1, value: '', prompt: () => '', validate: () => undefined, canGoBack: false });
    const box = fake.shown.inputs[3] as Fake.FakeInputBox;
    assert.deepStrictEqual([box.title, box.step, box.totalSteps], ['Set Stock', undefined, undefined], 'a one-step flow shows no "(1/1)"');
    box.hide();
    assert.strictEqual(await single, undefined);
    (fake.shown.inputs[2] as Fake.FakeQuickPick).hide();
    assert.strictEqual(await third, undefined, 'Escape cancels');
    prompter.dispose();
    assert.strictEqual(fake.shown.inputs[2].disposed, true);
  });

  it('reads a typed value as a choice above the items, shows its problem, and refuses a choice that fails validation', async () => {
    const prompter = new VsCodePrompter();
    const answer = prompter.pick({
      ...position,
      step: 2,
      placeholder: 'Delivery date',
      items,
      canGoBack: true,
      typed: (text) => (/^\d+$/.test(text) ? { item: { label: `day ${text}`, value: `typed-${text}` } } : text ? { problem: `${text} is not a day` } : undefined),
      validate: (value) => (value === 'jed' || value === 'typed-0' ? `${value} is too early` : undefined),
    });
    const pick = fake.shown.inputs[0] as Fake.FakeQuickPick;
    assert.deepStrictEqual(pick.items.map((item) => item.label), ['RUH-WH1', 'JED-WH1']);
    pick.typeText('x');
    assert.deepStrictEqual(pick.items.map((item) => [item.label, item.alwaysShow]), [['$(error) x is not a day', true], ['RUH-WH1', undefined], ['JED-WH1', undefined]]);
    pick.activeItems = [pick.items[0]];
    pick.accept();
    pick.choose('JED-WH1');
    assert.deepStrictEqual(pick.items.map((item) => item.label), ['$(error) jed is too early', 'RUH-WH1', 'JED-WH1'], 'refused: stays open and says why');
    pick.typeText('0');
    assert.deepStrictEqual(pick.activeItems, [pick.items[0]], 'the typed choice is highlighted, so Enter takes it');
    pick.accept();
    assert.strictEqual(pick.items[0].label, '$(error) typed-0 is too early');
    pick.typeText('15');
    assert.deepStrictEqual(pick.items.map((item) => item.label), ['day 15', 'RUH-WH1', 'JED-WH1']);
    pick.accept();
    assert.strictEqual(await answer, 'typed-15');
    prompter.dispose();
  });

  it('validates an input box as you type, refreshes its prompt, and only accepts a good value', async () => {
    const prompter = new VsCodePrompter();
    const answer = prompter.input({
      ...position,
      step: 3,
      value: '',
      prompt: (value) => `277 → ${277 + Number(value || 0)}`,
      validate: (value) => (/^-?\d+$/.test(value) ? undefined : 'not a whole number'),
      canGoBack: true,
    });
    const box = fake.shown.inputs[0] as Fake.FakeInputBox;
    assert.deepStrictEqual([box.prompt, box.validationMessage, box.step], ['277 → 277', undefined, 3]);
    box.typeText('-5x');
    assert.strictEqual(box.validationMessage, 'not a whole number');
    box.acceptEmitter.fire();
    box.typeText('-5');
    assert.deepStrictEqual([box.prompt, box.validationMessage], ['277 → 272', undefined]);
    box.acceptEmitter.fire();
    assert.strictEqual(await answer, '-5');
  });

  it('a box\'s second way to accept (a button beside Back) checks the value as Enter does, then tells the flow before answering', async () => {
    const prompter = new VsCodePrompter();
    let chosen = 0;
    const answer = prompter.input({
      ...position,
      step: 3,
      value: '',
      prompt: () => '',
      validate: (value) => (/^\d+$/.test(value) ? undefined : 'not a whole number'),
      alternative: { tooltip: 'Go on without a reason', choose: () => chosen++ },
      canGoBack: true,
    });
    const box = fake.shown.inputs[0] as Fake.FakeInputBox;
    const [backButton, skip] = box.buttons as Array<{ tooltip?: string; iconPath: unknown }>;
    assert.strictEqual(backButton, fake.QuickInputButtons.Back);
    assert.deepStrictEqual([skip.tooltip, (skip.iconPath as { id: string }).id], ['Go on without a reason', 'debug-step-over']);
    box.typeText('x');
    box.buttonEmitter.fire(skip);
    assert.deepStrictEqual([chosen, box.validationMessage, box.visible], [0, 'not a whole number', true], 'a bad value is refused by the button too');
    box.typeText('5');
    box.buttonEmitter.fire(skip);
    assert.strictEqual(await answer, '5');
    assert.strictEqual(chosen, 1);
  });

  it('closes the quick input before a message or a modal confirmation', async () => {
    const prompter = new VsCodePrompter();
    const answer = prompter.pick({ ...position, step: 1, placeholder: 'Pick', items, canGoBack: false });
    (fake.shown.inputs[0] as Fake.FakeQuickPick).choose('JED-WH1');
    await answer;
    fake.shown.answers.push('Set');
    assert.strictEqual(await prompter.confirm({ message: 'Set to 0?', detail: 'On hand goes from 5 to 0.', confirm: 'Set' }), true);
    assert.strictEqual(fake.shown.inputs[0].disposed, true);
    assert.deepStrictEqual(fake.shown.messages[0], { level: 'warning', text: 'Set to 0?', options: { modal: true, detail: 'On hand goes from 5 to 0.' }, actions: ['Set'] });
    fake.shown.answers.push('Undo');
    assert.strictEqual(await prompter.message('info', 'Adjusted', ['Undo']), 'Undo');
    assert.strictEqual(await prompter.progress('Adjusting…', async () => 42), 42);
  });
});
