// A sandbox, a client with short timeouts and a scratch directory for the operations tests.
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { OtoClient } from '../../../src/client';
import { startSandbox, type RunningSandbox, type SandboxOptions } from '../../../src/sandbox';
import { received } from '../fakes/journal';

export interface OperationsFixture {
  sandbox: RunningSandbox;
  client: OtoClient;
  dir: string;
  onHand(sku: string, locationCode: string): Promise<number>;
  /** updateStockQuantity requests the sandbox received (each attempt counts). */
  writes(): Array<{ sku: string; locationCode: string; actionType: string; qty: number }>;
  close(): Promise<void>;
}

export async function setupOperations(options: SandboxOptions & { timeoutMs?: number } = {}): Promise<OperationsFixture> {
  const sandbox = await startSandbox(options);
  const client = new OtoClient({ baseUrl: sandbox.baseUrl, refreshToken: sandbox.refreshToken, timeoutMs: options.timeoutMs ?? 3000, retry: { baseDelayMs: 1, maxDelayMs: 2 } });
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'oto-operations-'));
  return {
    sandbox,
    client,
    dir,
    async onHand(sku, locationCode) {
      const stock = await client.checkInventoryStock([sku], { pickupLocationCode: locationCode });
      return stock[sku]?.find((entry) => entry.pickupLocationCode === locationCode)?.quantityOnHand ?? 0;
    },
    writes: () => received(sandbox).filter((request) => request.endpoint === 'updateStockQuantity').map((request) => request.body as { sku: string; locationCode: string; actionType: string; qty: number }),
    async close() {
      await sandbox.close();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
