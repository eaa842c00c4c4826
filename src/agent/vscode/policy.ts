// `oto.agent.writes`: whether an agent may change stock, per environment. `on`: VS Code's tool
// confirmation names the change (the user may let it through for the session); `ask`: a modal
// question as well, every time, which no "always allow" skips; `off`: refused, nothing read or
// sent. Production never goes beyond `ask`: every write there asks.
export type AgentWrites = 'on' | 'ask' | 'off';

export const DEFAULT_AGENT_WRITES: Readonly<Record<string, AgentWrites>> = { sandbox: 'on', staging: 'ask', production: 'off' };

function isAgentWrites(value: unknown): value is AgentWrites {
  return value === 'on' || value === 'ask' || value === 'off';
}

/** The policy for `environment` from the setting's value (user input: anything else falls back to the default). */
export function agentWritesFor(setting: unknown, environment: string): AgentWrites {
  const given = typeof setting === 'object' && setting !== null && Object.hasOwn(setting, environment) ? (setting as Record<string, unknown>)[environment] : undefined;
  const chosen = isAgentWrites(given) ? given : (Object.hasOwn(DEFAULT_AGENT_WRITES, environment) ? DEFAULT_AGENT_WRITES[environment] : 'ask');
  return environment === 'production' && chosen === 'on' ? 'ask' : chosen;
}
