// What the agent tools' bundle (dist/agent.js) gets from the extension, and what it offers.
import type { LedgerEntry } from '../stockChange/ledgerEntry';
import type { AgentClient, TrafficView } from './core';

export interface AgentWiring {
  /** The shared client of the active environment; rejects (an `auth` OtoError) when not signed in. */
  getClient(): Promise<AgentClient>;
  /** The active environment's name. */
  environment(): string;
  /** Records changes in the stock ledger, through the operator tools' recorder (so a refresh does not count them as outside ones). */
  record(environment: string, entries: readonly LedgerEntry[]): Promise<void>;
  /** A change whose answer was lost: recorded, marked so, once a read shows it applied. */
  expectLost(environment: string, entries: readonly LedgerEntry[]): void;
  /** One SKU's ledger entries, oldest first. */
  history(environment: string, sku: string): Promise<readonly LedgerEntry[]>;
  /** Where transfers are journalled (the operator tools' folder: an interrupted one is offered for review). */
  journalDir: string;
  /** The in-process sandbox's traffic, while it runs. */
  traffic(): TrafficView | undefined;
}

/** A tool call as VS Code hands it over: its input, and a token for giving up. */
export interface ToolCall {
  input: unknown;
  token: { readonly isCancellationRequested: boolean };
  /** Made by a chat request (it has a tool invocation token), rather than by another extension calling `vscode.lm.invokeTool`. */
  fromChat: boolean;
}

export interface AgentRuntime {
  /** The message shown while the tool runs and, for a write, the confirmation naming the exact change. */
  prepare(name: string, call: ToolCall): Promise<import('vscode').PreparedToolInvocation>;
  invoke(name: string, call: ToolCall): Promise<import('vscode').LanguageModelToolResult>;
}
