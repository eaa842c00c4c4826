// The OpenAPI 3.1 document of OTO's Stock API v2 as the sandbox serves it, made from the same
// definitions the sandbox and the client use (the endpoint table, the contract, the error codes
// and the dialects), so it cannot drift from them. Pure: `openApiDocument()` is a plain object;
// the build writes it to dist/oto-openapi.json and the sandbox serves it.
import { CONTRACT, type EndpointContract, type Schema } from './contract';
import { NUMERIC_WRITE_ERRORS, NUMERIC_WRITES } from './dialects';
import { API_PREFIX, ENDPOINT_NAMES, OTO_BASE_URLS, OTO_ENDPOINTS, WEBHOOK_ENDPOINT, type EndpointName } from './endpoints';
import { JWT_EXPIRED, OTO_MESSAGES } from './errors';
import { webhookPathItem } from './webhookContract';

export interface OpenApiOptions {
  /** A server to list first, e.g. the running sandbox's base URL. */
  serverUrl?: string;
  /** The document's `info.version` (the extension's version). */
  version?: string;
}

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

function errorComponents(): Record<string, Schema> {
  return {
    OtoError: {
      type: 'object',
      description: 'OTO\'s usual error (the `oto-codes` dialect).',
      properties: {
        success: { type: 'boolean', const: false },
        otoErrorCode: { type: 'string', pattern: '^OTO\\d+$', examples: Object.keys(OTO_MESSAGES) },
        otoErrorMessage: { type: 'string' },
      },
      required: ['success', 'otoErrorCode', 'otoErrorMessage'],
    },
    NumberedError: {
      type: 'object',
      description: 'The `numeric-codes` dialect\'s errors of the stock writes, and getPickupLocationList\'s (`errorCode` 4 for dates, 5 for `status`).',
      properties: { success: { type: 'boolean', const: false }, errorCode: { type: 'integer' }, errorMsg: { type: 'string' } },
      required: ['success', 'errorCode', 'errorMsg'],
    },
    GatewayError: {
      type: 'object',
      description: `The API gateway's answer (no \`success\`): 401 "${JWT_EXPIRED}" or a missing token, 404 no such endpoint, 405 wrong method, 408, 413, 431, 503 too many connections.`,
      properties: { message: { type: 'string' }, code: { type: 'integer' } },
      required: ['message', 'code'],
    },
    Error: { oneOf: [ref('OtoError'), ref('NumberedError'), ref('GatewayError')] },
  };
}

function errorList(name: EndpointName, contract: EndpointContract): string {
  const lines = contract.errors.map(([code, status]) => {
    const numeric = NUMERIC_WRITES.has(name) && code !== 'OTO1184' ? NUMERIC_WRITE_ERRORS[code] : undefined;
    const message = code === 'OTO1184' ? 'There is no store available for pickup from store' : OTO_MESSAGES[code];
    return `- ${status} \`${code}\` "${message}"${numeric ? ` (numeric-codes: \`errorCode\` ${numeric.errorCode} "${numeric.errorMsg}")` : ''}`;
  });
  return lines.length === 0 ? '' : `\n\nErrors:\n${lines.join('\n')}`;
}

function operation(name: EndpointName): Schema {
  const facts = OTO_ENDPOINTS[name];
  const contract = CONTRACT[name];
  const json = (schema: Schema, example?: unknown): Schema => ({ 'application/json': { schema, ...(example === undefined ? {} : { example }) } });
  const error = (description: string): Schema => ({ description, content: json(ref('Error')) });
  const responses: Record<string, Schema> = {
    200: { description: 'Success.', content: json(contract.answer) },
    400: error('Bad input: an OTO code, or in the numeric-codes dialect an `errorCode`.'),
    ...(facts.auth || name === 'refreshToken' ? { 401: error(facts.auth ? `No valid access token (gateway shape; "${JWT_EXPIRED}" once it expired): refresh and send once more.` : 'The refresh token was refused (OTO1088).') } : {}),
    404: error('Not found (an OTO code), or no such endpoint (gateway shape).'),
    429: error('Too many requests (OTO1143): wait as `Retry-After` says.'),
    default: error('Any other failure: 405, 408, 413, 431, 5xx (OTO1081; 503 OTO1105 or too many connections).'),
  };
  return {
    operationId: name,
    summary: facts.summary,
    description: contract.description + errorList(name, contract),
    tags: [facts.writes ? 'writes' : 'reads'],
    security: facts.auth ? [{ bearerAuth: [] }] : [],
    ...(contract.query ? { parameters: contract.query.map((parameter) => ({ in: 'query', ...parameter })) } : {}),
    ...(contract.body ? { requestBody: { required: facts.method === 'POST', content: json(contract.body, contract.example) } } : {}),
    responses,
    'x-oto-writes': facts.writes,
  };
}

export function openApiDocument(options: OpenApiOptions = {}): Record<string, unknown> {
  const paths: Record<string, Schema> = {};
  for (const name of ENDPOINT_NAMES) {
    paths[`/${name}`] = { [OTO_ENDPOINTS[name].method.toLowerCase()]: operation(name) };
  }
  paths[`/${WEBHOOK_ENDPOINT.name}`] = webhookPathItem();
  const servers = [
    ...(options.serverUrl ? [{ url: options.serverUrl, description: 'This sandbox' }] : []),
    { url: OTO_BASE_URLS.production, description: 'OTO production' },
    { url: OTO_BASE_URLS.staging, description: 'OTO staging' },
  ];
  return {
    openapi: '3.1.0',
    info: {
      title: 'OTO Stock Management API v2 (as the OTO Stock sandbox serves it)',
      version: options.version ?? '0.1.0',
      description: [
        `Every endpoint is under \`${API_PREFIX}\`. Sign in with POST /refreshToken (no token needed) and send the access token it gives as \`Authorization: Bearer …\`; it lives \`expires_in\` seconds, after which calls answer 401 "${JWT_EXPIRED}": refresh and send the call once more.`,
        'Errors come in three shapes (components.schemas.Error). OTO has published two dialects: `oto-codes` (`otoErrorCode`/`otoErrorMessage`) and `numeric-codes` (`errorCode`/`errorMsg` for updateStockQuantity and createInventoryOrder; snake_case money fields in orderDetails). The sandbox speaks either (`--dialect`).',
        'Writes (tag `writes`, `x-oto-writes`) change stock or orders and are not safe to resend automatically: resend only what provably never reached the server.',
        'OTO publishes no OpenAPI document; this one is made from the sandbox\'s own definitions (src/oto/).',
      ].join('\n\n'),
    },
    servers,
    tags: [{ name: 'reads', description: 'Change nothing.' }, { name: 'writes', description: 'Change stock or orders.' }, { name: 'webhooks', description: 'Where OTO sends order events (oto-webhooks.md).' }],
    paths,
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http', scheme: 'bearer',
          description: 'An access token from POST /refreshToken (`{"refresh_token": …}` → `access_token`, `expires_in` seconds).',
        },
      },
      schemas: errorComponents(),
    },
    'x-oto-numeric-codes': Object.fromEntries(Object.entries(NUMERIC_WRITE_ERRORS).map(([code, numeric]) => [code, numeric])),
  };
}
