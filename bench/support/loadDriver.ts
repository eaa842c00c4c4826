// The load generator of the traffic benchmark, in a process of its own (forked per run) so that
// neither the servers nor the bench's own thread are what saturates: autocannon, keep-alive
// connections, for a fixed time (a round of the comparisons) or a fixed number of requests (the
// memory figure). Loopback only: the parent hands it a 127.0.0.1 URL.
import autocannon = require('autocannon');

export type WorkloadName = 'read' | 'mixed' | 'bulk';

/**
 * How long a run lasts: a time (a round: long enough that a figure is not quantised by the
 * run's start and end) or a number of requests (the memory figure, after so many requests).
 */
export type Amount = { readonly seconds: number } | { readonly requests: number };

export interface LoadJob {
  baseUrl: string;
  token: string;
  workload: WorkloadName;
  amount: Amount;
  connections: number;
}

export interface LoadFigures {
  rps: number;
  /** Answers counted (2xx and others). */
  answered: number;
  p99: number;
  /** Answers other than 2xx, and connection errors: a figure with either is not a fair one. */
  failures: number;
}

const SKU = 'AJW-DATES-500';
const LOCATION = 'RUH-WH1';
const READ_PATH = `checkGlobalStock?sku=${SKU}`;
const JSON_HEADERS = { 'Content-Type': 'application/json' };

function adjust(qty: number): autocannon.Request {
  return { method: 'POST', path: 'updateStockQuantity', headers: JSON_HEADERS, body: JSON.stringify({ actionType: 'adjust', locationCode: LOCATION, sku: SKU, qty }) };
}

/**
 * Each connection goes round its list: reads only; nine reads to one adjust (an ERP's sync, the
 * adjusts alternating +1 and -1 so stock stays put); or an ERP's bulk import of inventory orders of
 * 8 KB, each different (its own waybill and quantity), so the duplicate-write check has work to do.
 */
function requestsOf(workload: WorkloadName, base: string): autocannon.Request[] {
  const at = (request: autocannon.Request): autocannon.Request => ({ ...request, path: `${base}${request.path ?? ''}` });
  if (workload === 'read') {
    return [at({ method: 'GET', path: READ_PATH })];
  }
  if (workload === 'mixed') {
    const reads = Array.from({ length: 9 }, () => at({ method: 'GET', path: READ_PATH }));
    return [...reads, at(adjust(1)), ...reads, at(adjust(-1))];
  }
  const description = 'Inbound from the ERP import, batch notes: '.padEnd(8_000, 'x');
  let next = 0;
  return [at({
    method: 'POST',
    path: 'createInventoryOrder',
    headers: JSON_HEADERS,
    setupRequest: (request) => {
      const index = next++;
      const order = { action: 'inbound', locationCode: LOCATION, waybillNumber: `WB-${index}`, description, items: [{ sku: SKU, qty: 1 + (index % 5) }] };
      return { ...request, body: JSON.stringify(order) };
    },
  })];
}

export async function drive(job: LoadJob): Promise<LoadFigures> {
  const url = new URL(`${job.baseUrl}/`);
  if (url.hostname !== '127.0.0.1') {
    throw new Error(`the bench drives loopback only, not ${url.hostname}`);
  }
  const started = performance.now();
  let lastAnswer = started;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: url.origin,
        connections: job.connections,
        ...('seconds' in job.amount ? { duration: job.amount.seconds } : { amount: job.amount.requests }),
        headers: { Authorization: `Bearer ${job.token}`, 'User-Agent': 'bench-erp/1.0' },
        requests: requestsOf(job.workload, url.pathname),
        timeout: 10,
      },
      (error: Error | null, done) => (error ? reject(error) : resolve(done)),
    );
    if (!('seconds' in job.amount)) {
      instance.on('response', () => {
        lastAnswer = performance.now();
      });
    }
  });
  const answered = result['2xx'] + result.non2xx;
  // A run of a number of requests ends at autocannon's next one-second tick, and its duration says
  // so: such a run is timed from its start to its last answer instead.
  const seconds = 'seconds' in job.amount ? result.duration : (lastAnswer - started) / 1000;
  return { rps: answered / seconds, answered, p99: result.latency.p99, failures: result.non2xx + result.errors };
}

if (require.main === module) {
  process.once('message', (job: LoadJob) => {
    drive(job).then(
      (figures) => process.send?.(figures, () => process.exit(0)),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
