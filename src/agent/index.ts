// Wires the agent tools into VS Code: each language-model tool registered at activation, its work
// in dist/agent.js (vscode/lazy.ts), loaded on the first call; and the MCP server definition
// (dist/oto-mcp.js) for chat clients in the editor that speak MCP, while the sandbox is active.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { lazyPart } from '../common/lazyBundle';
import type { TrafficView } from './core/context';
import type { AgentRuntime, AgentWiring } from './deps';
import { AGENT_TOOL_NAMES, MCP_PROVIDER_ID } from './names';

export type { AgentWiring } from './deps';

interface SandboxWithTraffic {
  readonly traffic: TrafficView;
}

export interface AgentDeps extends Omit<AgentWiring, 'journalDir' | 'traffic'> {
  /** The in-process sandbox when it is running or starting. */
  runningSandbox(): Promise<SandboxWithTraffic> | undefined;
  onDidChangeSandbox(listener: (sandbox: SandboxWithTraffic | undefined) => void): vscode.Disposable;
  /** Fires when the active environment (or the sandbox) changes: the MCP definition follows it. */
  onDidChange(listener: () => void): vscode.Disposable;
  /** The running sandbox's URL and token; rejects when the sandbox is not the active environment. */
  getSandbox(): Promise<{ baseUrl: string; refreshToken: string }>;
}

export function registerAgent(context: vscode.ExtensionContext, deps: AgentDeps): void {
  // The operator tools keep their journals here (operations/runtime.ts): a transfer an agent left half done is offered for review there.
  const storageDir = context.globalStorageUri.fsPath;
  // The sandbox's traffic, followed from activation so the first tool call needs no wait.
  let traffic: TrafficView | undefined;
  context.subscriptions.push(deps.onDidChangeSandbox((sandbox) => (traffic = sandbox?.traffic)));
  void deps.runningSandbox()?.then((sandbox) => (traffic = sandbox.traffic), () => undefined);
  const part = lazyPart<AgentWiring, AgentRuntime>(context, 'agent', { ...deps, journalDir: path.join(storageDir, 'journals'), traffic: () => traffic });
  for (const name of AGENT_TOOL_NAMES) {
    context.subscriptions.push(vscode.lm.registerTool<unknown>(name, {
      prepareInvocation: (options, token) => part.load().prepare(name, { input: options.input, token, fromChat: true }),
      invoke: (options, token) => part.load().invoke(name, { input: options.input, token, fromChat: options.toolInvocationToken !== undefined }),
    }));
  }
  registerMcpDefinition(context, deps, storageDir);
}

/**
 * The MCP server over the in-process sandbox, reads only (writes in the editor go through the
 * tools above, with their confirmation). Offered while the sandbox is the active environment:
 * staging's and production's refresh tokens stay in SecretStorage rather than in a child
 * process's environment; other clients are configured with OTO_REFRESH_TOKEN themselves (README).
 */
function registerMcpDefinition(context: vscode.ExtensionContext, deps: AgentDeps, storageDir: string): void {
  // VS Code before 1.101 (or an editor without MCP) has no such API: the tools above still work.
  if (typeof vscode.lm.registerMcpServerDefinitionProvider !== 'function') {
    return;
  }
  const changed = new vscode.EventEmitter<void>();
  context.subscriptions.push(
    changed,
    deps.onDidChange(() => changed.fire()),
    vscode.lm.registerMcpServerDefinitionProvider(MCP_PROVIDER_ID, {
      onDidChangeMcpServerDefinitions: changed.event,
      provideMcpServerDefinitions: () => (deps.environment() === 'sandbox' ? [mcpDefinition(context, storageDir, {})] : []),
      resolveMcpServerDefinition: async () => {
        const { baseUrl, refreshToken } = await deps.getSandbox();
        return mcpDefinition(context, storageDir, { OTO_BASE_URL: baseUrl, OTO_REFRESH_TOKEN: refreshToken });
      },
    }),
  );
}

function mcpDefinition(context: vscode.ExtensionContext, storageDir: string, env: Record<string, string>): vscode.McpStdioServerDefinition {
  const script = path.join(context.extensionPath, 'dist', 'oto-mcp.js');
  // The editor's own runtime runs the script as Node: no Node needs to be installed.
  return new vscode.McpStdioServerDefinition('OTO Stock (sandbox)', process.execPath, [script], { ELECTRON_RUN_AS_NODE: '1', OTO_ENVIRONMENT: 'sandbox', OTO_STATE_DIR: storageDir, ...env });
}
