// One sandbox, client and stock store per test, with the flows' context wired to a scripted
// prompter, an in-memory workspace state, and recorders for the clipboard and "Show log".
import * as assert from 'node:assert';
import { OtoClient } from '../../../src/client';
import type { FlowContext } from '../../../src/orders/context';
import { RecentChanges } from '../../../src/orders/recent/recentChanges';
import { MemoryMemento } from '../fakes/memento';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../../src/sandbox';
import { StockStore } from '../../../src/stock/store/store';
import { ScriptedPrompter } from './scripted';
import { received } from '../fakes/journal';

export interface Fixture {
  sandbox: RunningSandbox;
  client: OtoClient;
  store: StockStore;
  prompter: ScriptedPrompter;
  memento: MemoryMemento;
  ctx: FlowContext;
  copied: string[];
  logsShown: number;
  environment: string;
  /** The session generation the flows see; a test bumps it to sign in again mid-flow. */
  generation: number;
  /** The requests the sandbox received to this endpoint since the fixture was set up. */
  sent(endpoint: string): Array<{ body: unknown; query: Record<string, string> }>;
  onHand(sku: string, locationCode: string): Promise<number>;
  close(): Promise<void>;
}

/** 27 November 2026, 10:00 local time: "today" in every test. */
export const NOW = new Date(2026, 10, 27, 10, 0, 0);

export async function setup(options: SandboxOptions & { timeoutMs?: number; confirmAboveUnits?: number } = {}): Promise<Fixture> {
  const sandbox = await startSandbox(options);
  const client = new OtoClient({ baseUrl: sandbox.baseUrl, refreshToken: sandbox.refreshToken, timeoutMs: options.timeoutMs ?? 5000 });
  const store = new StockStore({ getSource: async () => client });
  await store.refresh();
  const settled = received(sandbox).length;
  const prompter = new ScriptedPrompter();
  const memento = new MemoryMemento();
  const fixture: Fixture = {
    sandbox,
    client,
    store,
    prompter,
    memento,
    copied: [],
    logsShown: 0,
    environment: 'sandbox',
    generation: 1,
    ctx: undefined as unknown as FlowContext,
    sent: (endpoint) => received(sandbox).slice(settled).filter((request) => request.endpoint === endpoint),
    onHand: async (sku, locationCode) => {
      const stock = await client.checkInventoryStock([sku], { pickupLocationCode: locationCode });
      return stock[sku]?.find((entry) => entry.pickupLocationCode === locationCode)?.quantityOnHand ?? 0;
    },
    close: async () => {
      store.dispose();
      await sandbox.close();
    },
  };
  fixture.ctx = {
    prompter,
    getClient: async () => client,
    stock: store,
    environment: () => fixture.environment,
    generation: () => fixture.generation,
    recent: new RecentChanges(memento, () => NOW),
    confirmAboveUnits: () => options.confirmAboveUnits ?? 1000,
    copyToClipboard: async (text) => {
      fixture.copied.push(text);
    },
    showLog: async () => {
      fixture.logsShown++;
    },
    now: () => NOW,
  };
  return fixture;
}

/** A SKU with stock at the location, and its on-hand there, picked from the seeded data. */
export function stockedSku(fixture: Fixture, locationCode: string, atLeast = 10): { sku: string; onHand: number } {
  for (const figures of fixture.store.skus()) {
    const onHand = figures.locations.find((entry) => entry.locationCode === locationCode)?.onHand ?? 0;
    if (onHand >= atLeast) {
      return { sku: figures.sku, onHand };
    }
  }
  throw new Error(`no SKU with ${atLeast}+ on hand at ${locationCode}`);
}

/** Closes the test's fixture after each test and checks that the flow followed its script. */
export function closeAfterEach(current: () => Fixture | undefined): void {
  afterEach(async () => {
    const fixture = current();
    await fixture?.close();
    assert.deepStrictEqual(fixture?.prompter.errors ?? [], [], 'the flow followed the script');
  });
}
