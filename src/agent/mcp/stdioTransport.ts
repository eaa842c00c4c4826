// The MCP server's stdio: one JSON-RPC message a line. Written for a client that gets it wrong
// (the SDK's own transport answers nothing to a line that is not JSON and ends the whole session,
// silently and with exit code 0, at a line over 10 MB): every bad line is answered with a JSON-RPC
// error (-32700 not JSON, -32600 not a JSON-RPC message or too long) and the session goes on; a
// line is bounded while it is read, so a client that never sends a newline cannot fill memory.
import { ErrorCode, JSONRPCMessageSchema, type JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';

/** The longest line taken: far above the largest call the tools accept (1,000 SKUs of 200 characters, each escaped). */
export const MAX_LINE_BYTES = 4 * 1024 * 1024;

type JsonRpcId = string | number | null;

/** The id of a line that is not a valid message, when it has a usable one. */
function idOf(value: unknown): JsonRpcId {
  const id = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>).id : undefined;
  return typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id)) ? id : null;
}

export class LineTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  private chunks: Buffer[] = [];
  private size = 0;
  /** Over MAX_LINE_BYTES: the rest of this line is dropped as it comes. */
  private skipping = false;
  private closed = false;

  constructor(
    private readonly input: NodeJS.ReadableStream = process.stdin,
    private readonly output: NodeJS.WritableStream = process.stdout,
    private readonly maxLineBytes = MAX_LINE_BYTES,
  ) {}

  private readonly onData = (chunk: Buffer | string): void => {
    let data = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    for (let newline = data.indexOf(0x0a); newline !== -1; newline = data.indexOf(0x0a)) {
      this.take(data.subarray(0, newline));
      this.endLine();
      data = data.subarray(newline + 1);
    }
    this.take(data);
  };

  private readonly onInputError = (error: Error): void => {
    this.onerror?.(error);
  };

  async start(): Promise<void> {
    this.input.on('data', this.onData);
    this.input.on('error', this.onInputError);
  }

  private take(part: Buffer): void {
    if (this.skipping || part.length === 0) {
      return;
    }
    if (this.size + part.length > this.maxLineBytes) {
      this.chunks = [];
      this.size = 0;
      this.skipping = true;
      return;
    }
    this.chunks.push(part);
    this.size += part.length;
  }

  private endLine(): void {
    if (this.skipping) {
      this.skipping = false;
      this.refuse(null, ErrorCode.InvalidRequest, `A message over ${this.maxLineBytes / (1024 * 1024)} MB was refused unread; send fewer SKUs or items at once.`);
      return;
    }
    const line = Buffer.concat(this.chunks, this.size).toString('utf8').replace(/\r$/, '');
    this.chunks = [];
    this.size = 0;
    if (line.trim() === '') {
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      this.refuse(null, ErrorCode.ParseError, 'Parse error: a line that is not JSON (one JSON-RPC message a line).');
      return;
    }
    const message = JSONRPCMessageSchema.safeParse(value);
    if (!message.success) {
      this.refuse(idOf(value), ErrorCode.InvalidRequest, 'Invalid request: not a JSON-RPC 2.0 message (jsonrpc "2.0", a method or a result, an id for a request).');
      return;
    }
    this.onmessage?.(message.data);
  }

  private refuse(id: JsonRpcId, code: number, message: string): void {
    this.onerror?.(new Error(message));
    // Answered only while the session lasts; the SDK types no id of null, which JSON-RPC gives a message it could not read.
    void this.write({ jsonrpc: '2.0', id, error: { code, message } } as unknown as JSONRPCMessage);
  }

  send(message: JSONRPCMessage): Promise<void> {
    return this.write(message);
  }

  private write(message: JSONRPCMessage): Promise<void> {
    if (this.closed) {
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      if (this.output.write(`${JSON.stringify(message)}\n`)) {
        resolve();
      } else {
        this.output.once('drain', resolve);
      }
    });
  }

  async close(): Promise<void> {
    if (this.closed) {
      return;
    }
    this.closed = true;
    this.input.off('data', this.onData);
    this.input.off('error', this.onInputError);
    this.chunks = [];
    this.onclose?.();
  }
}
