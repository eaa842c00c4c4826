// Connecting the inbox to the sandbox in one action: one webhook per type, each to its own path of
// the receiver (`/orderStatus`…, so the inbox knows what it got even from a payload it cannot
// read), with the inbox's secret and authorization key. Earlier registrations to the receiver are
// replaced, not added to (OTO refuses a URL twice, OTO1122), and no other webhook is touched.
import { WEBHOOK_TYPES, type WebhookType } from '../oto/webhooks';

/** Kept per workspace (a Memento key): the inbox registers with each new sandbox until disconnected. */
export const INBOX_CONNECTED_KEY = 'oto.webhooks.connected';

export interface RegisteredWebhook {
  readonly id: number;
  readonly url: string;
}

/** The slice of the sandbox's webhooks (SandboxWebhooks) this needs. */
export interface WebhookRegistrar {
  list(): RegisteredWebhook[];
  register(input: { url: string; webhookType: WebhookType; secretKey: string; authorizationKey: string; method: 'post' }): RegisteredWebhook;
  remove(id: number): boolean;
}

export interface InboxCredentials {
  readonly secretKey: string;
  readonly authorizationKey: string;
}

export function inboxUrl(origin: string, type: WebhookType): string {
  return `${origin}/${type}`;
}

function isInboxUrl(url: string, origin: string): boolean {
  return WEBHOOK_TYPES.some((type) => url === inboxUrl(origin, type));
}

/**
 * Registers the inbox for every type; returns the webhooks now pointing at it. All or none: when the
 * sandbox refuses one (OTO1120, ten webhooks already), those registered before it are removed again.
 */
export function connectInbox(webhooks: WebhookRegistrar, origin: string, credentials: InboxCredentials): RegisteredWebhook[] {
  disconnectInbox(webhooks, origin);
  const registered: RegisteredWebhook[] = [];
  try {
    for (const webhookType of WEBHOOK_TYPES) {
      registered.push(webhooks.register({ url: inboxUrl(origin, webhookType), webhookType, method: 'post', ...credentials }));
    }
  } catch (error) {
    registered.forEach((hook) => webhooks.remove(hook.id));
    throw error;
  }
  return registered;
}

/** Removes the inbox's registrations; returns how many there were. */
export function disconnectInbox(webhooks: WebhookRegistrar, origin: string): number {
  const ours = webhooks.list().filter((hook) => isInboxUrl(hook.url, origin));
  for (const hook of ours) {
    webhooks.remove(hook.id);
  }
  return ours.length;
}

/** Whether the sandbox has the inbox registered for every type. */
export function isConnected(webhooks: Pick<WebhookRegistrar, 'list'>, origin: string): boolean {
  const urls = new Set(webhooks.list().map((hook) => hook.url));
  return WEBHOOK_TYPES.every((type) => urls.has(inboxUrl(origin, type)));
}
