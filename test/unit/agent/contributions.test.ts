// What VS Code is told about the agent tools (package.json) agrees with the core both front ends
// run, and the write policy reads the setting as the README says.
import * as assert from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AGENT_TOOLS } from '../../../src/agent/core';
import { AGENT_TOOL_NAMES, MCP_PROVIDER_ID } from '../../../src/agent/names';
import { agentWritesFor, DEFAULT_AGENT_WRITES } from '../../../src/agent/vscode/policy';

const root = path.resolve(__dirname, '../../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  engines: { vscode: string };
  devDependencies: Record<string, string>;
  contributes: {
    languageModelTools: Array<{ name: string; toolReferenceName: string; modelDescription: string; inputSchema: unknown; displayName: string; userDescription: string }>;
    languageModelToolSets: Array<{ name: string; tools: string[] }>;
    mcpServerDefinitionProviders: Array<{ id: string }>;
    configuration: { properties: Record<string, { default: unknown; scope?: string }> };
  };
};

describe('agent tools: what VS Code is told', () => {
  it('contributes every tool of the core, with the core\'s schema and description, and the names registered at activation', () => {
    const tools = manifest.contributes.languageModelTools;
    assert.deepStrictEqual(tools.map((tool) => tool.name), AGENT_TOOLS.map((tool) => tool.name));
    assert.deepStrictEqual([...AGENT_TOOL_NAMES], AGENT_TOOLS.map((tool) => tool.name));
    for (const tool of AGENT_TOOLS) {
      const contributed = tools.find((candidate) => candidate.name === tool.name);
      assert.deepStrictEqual(contributed?.inputSchema, JSON.parse(JSON.stringify(tool.inputSchema)), tool.name);
      assert.strictEqual(contributed?.modelDescription, tool.description, tool.name);
      assert.match(contributed?.displayName ?? '', /^%oto\.tool\.\w+\.displayName%$/);
    }
  });

  it('groups them in the #otoStock tool set by their reference names, a name no single tool takes', () => {
    const [set] = manifest.contributes.languageModelToolSets;
    assert.strictEqual(set.name, 'otoStock');
    // VS Code finds a set's tools by their toolReferenceName; by `name` it finds none and drops the set.
    const references = manifest.contributes.languageModelTools.map((tool) => tool.toolReferenceName);
    assert.deepStrictEqual(set.tools, references);
    assert.deepStrictEqual(manifest.contributes.languageModelTools.map((tool) => tool.name), [...AGENT_TOOL_NAMES]);
    assert.strictEqual(new Set([...references, set.name]).size, references.length + 1);
  });

  it('needs VS Code 1.101, the first release where the tools\' and MCP definitions\' APIs are stable, and builds against its types', () => {
    assert.strictEqual(manifest.engines.vscode, '^1.101.0');
    assert.strictEqual(manifest.devDependencies['@types/vscode'], '1.101.0');
    assert.deepStrictEqual(manifest.contributes.mcpServerDefinitionProviders.map((provider) => provider.id), [MCP_PROVIDER_ID]);
  });

  it('oto.agent.writes: sandbox on, staging ask, production off by default; production never past ask; a workspace cannot set it', () => {
    const setting = manifest.contributes.configuration.properties['oto.agent.writes'];
    assert.deepStrictEqual(setting.default, DEFAULT_AGENT_WRITES);
    assert.strictEqual(setting.scope, 'machine');
    assert.strictEqual(agentWritesFor(undefined, 'sandbox'), 'on');
    assert.strictEqual(agentWritesFor(undefined, 'staging'), 'ask');
    assert.strictEqual(agentWritesFor(undefined, 'production'), 'off');
    assert.strictEqual(agentWritesFor({ production: 'on' }, 'production'), 'ask');
    assert.strictEqual(agentWritesFor({ sandbox: 'off' }, 'sandbox'), 'off');
    assert.strictEqual(agentWritesFor({ staging: 'yes please' }, 'staging'), 'ask');
    assert.strictEqual(agentWritesFor('on', 'sandbox'), 'on');
    assert.strictEqual(agentWritesFor({}, 'elsewhere'), 'ask');
  });
});
