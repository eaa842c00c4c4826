// The read-only document of one captured exchange: the findings on top, then request and response.
// JSON, so the editor colours it and every value from the client stays a quoted string (no
// Markdown, no HTML). Tokens were shortened at capture.
import type { CapturedBody, TrafficExchange } from '../traffic/exchange';

export interface TrafficDocument {
  readonly text: string;
  /** The 0-based line each finding points at (the request's field it is about, else its `"rule"`), in the order of `exchange.findings`. */
  readonly findingLines: readonly number[];
}

function body(captured: CapturedBody | undefined): unknown {
  if (!captured) {
    return null;
  }
  const json = captured.json;
  return json !== undefined ? json : captured.text;
}

/**
 * The exchange document's path: `Sandbox Traffic/#59 POST updateStockQuantity.json`. Its name is
 * what a tab and a Problems-panel entry show, its folder what the Problems panel shows beside it
 * (a leading `/` would have shown there alone). Request text never gets in: the endpoint is one
 * of OTO's names or `request`.
 */
export function trafficDocumentPath(exchange: Pick<TrafficExchange, 'id' | 'method' | 'endpoint'>, folder: string): string {
  const endpoint = exchange.endpoint.replace(/[^\w-]/g, '_').slice(0, 60) || 'request';
  const method = /^[A-Z]{1,10}$/.test(exchange.method) ? `${exchange.method} ` : '';
  return `${folder.replace(/[/\\]/g, '_')}/#${exchange.id} ${method}${endpoint}.json`;
}

/** The exchange id a document path names (its `#59`), or undefined. */
export function trafficIdOf(path: string): number | undefined {
  const id = /(?:^|\/)#(\d+) [^/]*$/.exec(path)?.[1];
  return id === undefined ? undefined : Number(id);
}

export function formatTrafficDocument(exchange: TrafficExchange, url: string, wording: (finding: TrafficExchange['findings'][number]) => string): TrafficDocument {
  const document = {
    findings: exchange.findings.map((finding) => ({
      rule: finding.rule,
      severity: finding.severity,
      message: wording(finding),
      exchanges: finding.exchangeIds.map((id) => `#${id}`),
    })),
    request: {
      id: exchange.id,
      startedAt: new Date(exchange.startedAt).toISOString(),
      client: { address: `${exchange.client.address}:${exchange.client.port}`, userAgent: exchange.client.userAgent ?? null, own: exchange.client.own },
      method: exchange.method,
      url,
      headers: exchange.requestHeaders,
      bytes: exchange.requestBody.bytes,
      ...(exchange.requestBody.truncated ? { truncated: true } : {}),
      body: exchange.requestBody.text === '' ? null : body(exchange.requestBody),
    },
    response: {
      status: exchange.status ?? null,
      ...(exchange.otoCode !== undefined ? { otoCode: exchange.otoCode } : {}),
      ...(exchange.fault !== undefined ? { fault: exchange.fault } : {}),
      durationMs: Math.round(exchange.durationMs),
      headers: exchange.responseHeaders ?? {},
      ...(exchange.responseBody?.truncated ? { bytes: exchange.responseBody.bytes, truncated: true } : {}),
      body: body(exchange.responseBody),
    },
  };
  const text = `${JSON.stringify(document, null, 2)}\n`;
  const lines = text.split('\n');
  const ruleLines: number[] = [];
  lines.forEach((line, index) => {
    if (ruleLines.length < exchange.findings.length && /^ {6}"rule": /.test(line)) {
      ruleLines.push(index);
    }
  });
  const bodyLine = lines.findIndex((line, index) => index > (ruleLines.at(-1) ?? 0) && /^ {4}"body": /.test(line));
  // A finding about a field of the request points at that field (`"qty": "40.5"`), where the fix
  // goes; any other at its own entry on top.
  const findingLines = exchange.findings.map((finding, index) => {
    const field = finding.params?.field;
    return (typeof field === 'string' && bodyLine >= 0 ? fieldLine(lines, bodyLine, field) : undefined) ?? ruleLines[index] ?? 0;
  });
  return { text, findingLines };
}

/** The line of `field` (`qty`, `items[1].qty`, `orderDate`) in the request body starting at `from`. */
function fieldLine(lines: readonly string[], from: number, field: string): number | undefined {
  const match = /^(?:(\w+)\[(\d+)\]\.)?(\w+)$/.exec(field);
  if (!match) {
    return undefined;
  }
  const [, list, position, name] = match;
  // In a list, the n-th item's key (items are written one after another, each key once).
  let wanted = list === undefined ? 1 : Number(position) + 1;
  const key = `"${name}": `;
  for (let index = from; index < lines.length && !/^ {2}"response": /.test(lines[index]); index++) {
    if (lines[index].trimStart().startsWith(key) && --wanted === 0) {
      return index;
    }
  }
  return undefined;
}
