// OTO's webhook management (`/webhook`: POST creates, GET lists, PUT updates, DELETE removes) as
// OpenAPI operations: its fields, answers and codes (OTO1120–OTO1125), from oto-webhooks.md and the
// endpoint facts. One path with four methods, so it is not in CONTRACT, whose endpoints have one.
import type { Schema } from './contract';
import { MAX_WEBHOOK_KEY_LENGTH, MAX_WEBHOOKS_PER_ACCOUNT } from './endpoints';
import { OTO_MESSAGES, type OtoCode } from './errors';
import { WEBHOOK_TYPES } from './webhooks';

const text: Schema = { type: 'string', minLength: 1 };
const key = (what: string): Schema => ({ type: 'string', maxLength: MAX_WEBHOOK_KEY_LENGTH, description: what });

const FIELDS: Record<string, Schema> = {
  method: { type: 'string', enum: ['post', 'put'], description: 'How OTO calls the URL (lower case, as OTO\'s example writes it).' },
  url: { type: 'string', minLength: 1, description: 'An http or https URL where OTO sends the events. One registration per URL (OTO1122).' },
  webhookType: { type: 'string', enum: [...WEBHOOK_TYPES], default: 'orderStatus' },
  secretKey: key('Signs each event: `signature` = Base64(HMAC-SHA256(secretKey, "orderId:status:timestamp")), in the JSON body.'),
  authorizationKey: key('Sent in the `Authorization` header of each event.'),
  timestampFormat: { type: 'string', examples: ['2025-01-01 13:14:34'], description: 'OTO does not document what it changes.' },
  orderPrefix: { type: 'string', description: 'OTO names it without saying what it does: stored and listed.' },
};

const WEBHOOK: Schema = {
  type: 'object',
  properties: { id: { type: 'integer' }, ...Object.fromEntries(Object.entries(FIELDS).map(([name, schema]) => [name, name === 'method' || name === 'url' || name === 'webhookType' ? schema : { oneOf: [schema, { type: 'null' }] }])) },
  required: ['id', 'method', 'url'],
};

const answer = (message: string, extra: Record<string, Schema> = {}): Schema => ({
  type: 'object',
  properties: { success: { type: 'boolean', const: true }, ...extra, message: { type: 'string', const: message } },
  required: ['success', 'message', ...Object.keys(extra)],
});

function errors(codes: Array<[OtoCode, number]>): string {
  return `\n\nErrors:\n${codes.map(([code, status]) => `- ${status} \`${code}\` "${OTO_MESSAGES[code]}"`).join('\n')}`;
}

const json = (schema: Schema, example?: unknown): Schema => ({ 'application/json': { schema, ...(example === undefined ? {} : { example }) } });

function operation(operationId: string, summary: string, description: string, success: Schema, more: Schema = {}): Schema {
  return {
    operationId,
    summary,
    description,
    tags: ['webhooks'],
    security: [{ bearerAuth: [] }],
    ...more,
    responses: {
      200: { description: 'Success.', content: json(success) },
      400: { description: 'Refused: an OTO code.', content: json({ $ref: '#/components/schemas/Error' }) },
      401: { description: 'No valid access token (gateway shape).', content: json({ $ref: '#/components/schemas/Error' }) },
      404: { description: 'No webhook with that id (OTO1125).', content: json({ $ref: '#/components/schemas/Error' }) },
      default: { description: 'Any other failure.', content: json({ $ref: '#/components/schemas/Error' }) },
    },
  };
}

const ID_QUERY = (description: string, required: boolean): Schema => ({ in: 'query', name: 'id', required, description, schema: { type: 'string', pattern: '^\\d+$' } });
const WRITE_ERRORS: Array<[OtoCode, number]> = [['OTO1120', 400], ['OTO1121', 400], ['OTO1122', 400], ['OTO1123', 400], ['OTO1124', 400]];
const EXAMPLE = { method: 'post', url: 'https://erp.example.com/oto/webhook', webhookType: 'orderStatus', secretKey: 'a-long-random-secret', authorizationKey: 'a-long-random-key' };

/** The `/webhook` path item: OTO's four webhook management calls. */
export function webhookPathItem(): Schema {
  return {
    post: operation(
      'createWebhook',
      'Register a webhook',
      `At most ${MAX_WEBHOOKS_PER_ACCOUNT} per account. The id comes back as a string here, as a number in the list.${errors(WRITE_ERRORS)}`,
      answer('webhook has been created', { id: { type: 'string', pattern: '^\\d+$' } }),
      { requestBody: { required: true, content: json({ type: 'object', properties: FIELDS, required: ['method', 'url'] }, EXAMPLE) } },
    ),
    get: operation(
      'listWebhooks',
      'List the webhooks',
      'Every webhook of the account, or the one of `id`. Secrets come back in clear: keep this answer out of logs.',
      { type: 'object', properties: { webhooks: { type: 'array', items: WEBHOOK }, success: { type: 'boolean', const: true } }, required: ['webhooks', 'success'] },
      { parameters: [ID_QUERY('Only this webhook.', false)] },
    ),
    put: operation(
      'updateWebhook',
      'Change a webhook',
      `\`id\` and the fields to change; fields left out keep their value.${errors([['OTO1125', 400], ...WRITE_ERRORS.slice(1)])}`,
      answer('webhook has been updated'),
      { requestBody: { required: true, content: json({ type: 'object', properties: { id: { oneOf: [{ type: 'integer' }, text] }, ...FIELDS }, required: ['id'] }, { id: 1, ...EXAMPLE }) } },
    ),
    delete: operation(
      'deleteWebhook',
      'Remove a webhook',
      `OTO does not say whether \`id\` goes in the query or the body; the sandbox reads both.${errors([['OTO1125', 400]])}`,
      answer('webhook has been deleted'),
      { parameters: [ID_QUERY('The webhook to remove (or `{"id": …}` in the body).', false)] },
    ),
  };
}
