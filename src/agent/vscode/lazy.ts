// The agent tools' bundle (dist/agent.js), loaded on the first tool call: VS Code's side of the
// core. A write is planned in `prepare` from figures read then, and VS Code's confirmation names
// that exact change; `invoke` sends that plan (the core re-reads the figure first and refuses if
// it moved). `oto.agent.writes` decides per environment: on, ask (a modal question too), or off.
import * as vscode from 'vscode';
import { readSetting } from '../../common/settings/read';
import { configureLocalisation } from '../../common/text/localisation';
import { escapeMarkdown } from '../../common/text/markdown';
import { confirmModal } from '../../common/ui/confirm';
import { applyPlan, callTool, findTool, planWrite, type AgentContext, type WritePlan } from '../core';
import { PreparedPlans } from './preparedPlans';
import type { AgentRuntime, AgentWiring, ToolCall } from '../deps';
import { agentWritesFor, type AgentWrites } from './policy';

function text(value: string): vscode.LanguageModelToolResult {
  return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(value)]);
}

function writesFor(environment: string): AgentWrites {
  return agentWritesFor(readSetting('agent.writes'), environment);
}

function keyOf(name: string, input: unknown): string {
  return `${name}\u0000${JSON.stringify(input) ?? ''}`;
}

export function start(wiring: AgentWiring): AgentRuntime {
  configureLocalisation();
  const ctx: AgentContext = {
    getClient: () => wiring.getClient(),
    environment: () => wiring.environment(),
    record: (environment, entries) => wiring.record(environment, entries),
    history: (environment, sku) => wiring.history(environment, sku),
    journalDir: wiring.journalDir,
    traffic: () => wiring.traffic(),
  };
  /** Plans shown in a confirmation, by tool and input, until invoked. */
  const plans = new PreparedPlans();
  const refusedOff = (environment: string): string => vscode.l10n.t('Agent writes are off for OTO {0} (setting oto.agent.writes), so nothing was read or sent.', environment);

  return {
    async prepare(name: string, call: ToolCall): Promise<vscode.PreparedToolInvocation> {
      const tool = findTool(name);
      const environment = wiring.environment();
      if (!tool || tool.kind === 'read') {
        return { invocationMessage: vscode.l10n.t('Reading OTO {0}…', environment) };
      }
      if (writesFor(environment) === 'off') {
        return { invocationMessage: refusedOff(environment) };
      }
      const planned = await planWrite(ctx, tool, call.input);
      if ('error' in planned) {
        plans.remember(keyOf(name, call.input), { error: planned.error });
        return { invocationMessage: vscode.l10n.t('Checking the change against OTO {0}…', environment) };
      }
      plans.remember(keyOf(name, call.input), { plan: planned.plan });
      return {
        invocationMessage: vscode.l10n.t('Sending the change to OTO {0}…', environment),
        confirmationMessages: { title: vscode.l10n.t('Let the agent change OTO {0}?', environment), message: confirmation(planned.plan) },
      };
    },

    async invoke(name: string, call: ToolCall): Promise<vscode.LanguageModelToolResult> {
      const tool = findTool(name);
      if (!tool || tool.kind === 'read') {
        return text((await callTool(ctx, name, call.input, 'on')).text);
      }
      const environment = wiring.environment();
      const policy = writesFor(environment);
      if (policy === 'off') {
        return text(refusedOff(environment));
      }
      const prepared = plans.take(keyOf(name, call.input));
      if (prepared && 'error' in prepared) {
        return text(prepared.error);
      }
      // The plan the user saw, however old (its apply refuses if the figure moved); without one (a
      // caller that skipped prepareInvocation, or one let go), a plan is made now and asked about.
      const planned = prepared ?? (await planWrite(ctx, tool, call.input));
      if ('error' in planned) {
        return text(planned.error);
      }
      // `ask`, a plan the user was not shown, or a call from outside a chat (another extension's invokeTool): a modal question too.
      if ((policy === 'ask' || !prepared || !call.fromChat) && !(await confirmModal(vscode.l10n.t('Let the agent change OTO {0}?', planned.plan.environment), vscode.l10n.t('Apply'), [...planned.plan.change, ...planned.plan.warnings].join('\n')))) {
        return text(vscode.l10n.t('The user declined the change, so nothing was sent.'));
      }
      if (call.token.isCancellationRequested) {
        return text(vscode.l10n.t('Cancelled before sending: nothing was sent.'));
      }
      return text((await applyPlan(ctx, tool, planned.plan)).text);
    },
  };
}

/** The change, line by line, as Markdown (every value escaped: SKUs and codes are OTO's data). */
export function confirmation(plan: WritePlan): vscode.MarkdownString {
  const lines = [...plan.change.map((line) => `- ${escapeMarkdown(line)}`), ...plan.warnings.map((warning) => `\n${escapeMarkdown(warning)}`)];
  const markdown = new vscode.MarkdownString(lines.join('\n'));
  markdown.isTrusted = false;
  markdown.supportHtml = false;
  return markdown;
}
