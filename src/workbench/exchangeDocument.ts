// The read-only document of one captured exchange: the findings on top, then request and response.
// JSON, so the editor colours it and every value from the client stays a quoted string (no
// Markdown, no HTML). Tokens were shortened at capture.
import type { CapturedBody, TrafficExchange } from '../traffic/exchange';

export interface TrafficDocument {
  readonly text: string;
  /** The 0-based line of each finding's `"rule"`, in the order of `exchange.findings`. */
  readonly findingLines: readonly number[];
}

function body(captured: CapturedBody | undefined): unknown {
  if (!captured) {
    return null;
  }
  const json = captured.json;
  return json !== undefined ? json : captured.text;
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
  const findingLines: number[] = [];
  lines.forEach((line, index) => {
    if (findingLines.length < exchange.findings.length && /^ {6}"rule": /.test(line)) {
      findingLines.push(index);
    }
  });
  return { text, findingLines };
}
