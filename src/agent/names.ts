// The tools' names, which VS Code needs at activation (one registration each) without loading
// the tools themselves; a unit test keeps them equal to the core's and package.json's.
export const AGENT_TOOL_NAMES = [
  'oto_stock', 'oto_low_stock', 'oto_packing_queue', 'oto_order', 'oto_traffic', 'oto_exchange', 'oto_stock_history',
  'oto_adjust_stock', 'oto_set_stock', 'oto_create_inventory_order', 'oto_update_packing_status', 'oto_transfer_stock',
] as const;

/** The id of the MCP server definition provider (`contributes.mcpServerDefinitionProviders`). */
export const MCP_PROVIDER_ID = 'oto.mcp';
