// The Webhook Inbox's bundle (dist/webhookInbox.js): the receiver, its checks, the view's rows,
// the event documents, Forward to… and Trigger Webhook Event…, loaded on first use.
import { configureLocalisation } from '../common/text/localisation';
import { InboxController } from './controller';
import type { InboxRuntime, InboxWiring } from './deps';
import { TriggerFlow } from './trigger';
import { AccountWebhooks } from './accountWebhooks';

export function start(wiring: InboxWiring, subscriptions: Array<{ dispose(): unknown }>): InboxRuntime {
  configureLocalisation();
  const controller = new InboxController(wiring);
  const trigger = new TriggerFlow(wiring, () => controller.sandbox());
  const webhooks = new AccountWebhooks(wiring, () => controller.sandbox());
  subscriptions.push(controller, webhooks);
  return {
    rows: { getChildren: (element) => controller.getChildren(element), getTreeItem: (event) => controller.getTreeItem(event) },
    webhookRows: { getChildren: (element) => webhooks.getChildren(element), getTreeItem: (hook) => webhooks.getTreeItem(hook) },
    documents: { provideTextDocumentContent: (uri) => controller.provideTextDocumentContent(uri) },
    codeLenses: trigger,
    commands: {
      connect: () => controller.connect(),
      disconnect: () => controller.disconnect(),
      forwardTo: () => controller.forwardTo(),
      open: (argument) => controller.open(argument),
      clear: () => controller.clear(),
      verify: () => controller.verify(),
      trigger: () => trigger.trigger(),
      send: (argument) => trigger.send(argument),
      advance: (argument) => trigger.advance(argument),
      refreshWebhooks: () => webhooks.refresh(),
      addWebhook: () => webhooks.add(),
      removeWebhook: (argument) => webhooks.remove(argument),
      sendTestWebhookEvent: (argument) => webhooks.sendTest(argument),
      copyWebhookUrl: (argument) => webhooks.copyUrl(argument),
    },
    sandboxStarted: (sandbox) => controller.sandboxStarted(sandbox),
  };
}
