// The agent tools' core (no `vscode`): the tools VS Code's agent mode and the MCP server offer.
export { AGENT_TOOLS, applyPlan, callTool, describePlan, findTool, planWrite, type AgentTool, type ReadTool, type WriteMode, type WriteTool } from './tools';
export type { AgentClient, AgentContext, ToolAnswer, TrafficView } from './context';
export type { WritePlan } from './writes';
export type { InputSchema } from './input';
