// A sandbox with a few products whose figures the stock tests know, a client for it, and a store
// reading through that client: every test talks real HTTP to 127.0.0.1.
import { OtoClient } from '../../../src/client';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../../src/sandbox';
import type { StockSource } from '../../../src/stock/store/source';
import { StockStore } from '../../../src/stock/store/store';
import { received, type Received } from '../fakes/journal';

export const TEA = 'TST-TEA';
export const LOW = 'TST-LOW';

export const extraProducts: NonNullable<SandboxOptions['extra']>['products'] = [
  {
    sku: TEA,
    name: 'Green *Tea* | [500 g]',
    barcode: '6281000999990',
    minInventory: 100,
    stock: { 'RUH-WH1': { onHand: 277, forecasted: 261 } },
    noLocation: { onHand: -7, forecasted: -16 },
  },
  { sku: LOW, name: 'Low Widget', minInventory: 50, stock: { 'JED-WH1': { onHand: 10 }, 'MED-BR1': { onHand: 5 } } },
];

export interface StockFixture {
  sandbox: RunningSandbox;
  client: OtoClient;
  store: StockStore;
  /** Requests the sandbox received for these endpoints since `mark()` (or the start). */
  sent(...endpoints: string[]): Received[];
  mark(): void;
  close(): Promise<void>;
}

export async function stockFixture(options: SandboxOptions = {}, wrap: (client: OtoClient) => StockSource = (client) => client): Promise<StockFixture> {
  const sandbox = await startSandbox({ ...options, extra: { products: extraProducts, ...options.extra } });
  const client = new OtoClient({ baseUrl: sandbox.baseUrl, refreshToken: sandbox.refreshToken, retry: { baseDelayMs: 5, maxDelayMs: 20 } });
  const source = wrap(client);
  let now = 1_000_000;
  const store = new StockStore({ getSource: async () => source, now: () => (now += 1000) });
  let from = 0;
  return {
    sandbox,
    client,
    store,
    sent: (...endpoints) => received(sandbox).slice(from).filter((request) => endpoints.length === 0 || endpoints.includes(request.endpoint)),
    mark: () => (from = received(sandbox).length),
    close: async () => {
      store.dispose();
      await sandbox.close();
    },
  };
}
