// The read-only document of one inbox event: what it is, the signature verdict and why, the
// Authorization check, the forwarded receiver's answer, then the request as received with the
// Authorization value shortened. JSON, so the editor colours it and every value stays a string.
import { withinDepth } from '../common/json/depth';
import { shortenHeader, shortenTokens } from '../traffic/tokens';
import type { InboxEvent } from './inbox';
import { verifyPayload, type NamedSecret } from './verify';
import { authorizationText, notUtf8Text, timestampWarning, verdictLabel, verdictReason } from './words';

function shownHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    shown[name] = shortenHeader(name.toLowerCase(), value);
  }
  return shown;
}

export function formatInboxDocument(event: InboxEvent): string {
  const { verification } = event;
  const warning = timestampWarning(verification);
  const document = {
    event: {
      id: event.id,
      receivedAt: new Date(event.receivedAt).toISOString(),
      type: event.type ?? null,
      orderId: event.orderId ?? null,
      status: event.status ?? null,
    },
    signature: {
      verdict: verification.verdict,
      summary: verdictLabel(verification.verdict),
      why: verdictReason(verification),
      ...(verification.match ? { signingString: verification.match.signingString, secret: verification.match.secretName } : { tried: verification.tried.map((candidate) => candidate.signingString) }),
      timestamp: verification.timestamp?.at !== undefined ? new Date(verification.timestamp.at).toISOString() : (verification.timestamp?.raw ?? null),
      ...(warning ? { timestampWarning: warning } : {}),
    },
    authorization: { check: event.authorization, why: authorizationText(event.authorization) },
    // What the inbox answered the sender, as the sender (the sandbox, curl) saw it.
    ...(event.cutShort ? { cutShort: event.cutShort } : {}),
    answered: event.cutShort ? null : event.answer.status === 200 ? { status: 200 } : { status: event.answer.status, why: event.answer.reason },
    ...(event.forward
      ? {
          forwarded: {
            url: event.forward.url,
            status: event.forward.status ?? null,
            ...(event.forward.error ? { error: event.forward.error } : {}),
            durationMs: event.forward.durationMs,
            ...(event.forward.truncated ? { truncated: true } : {}),
            body: answerBody(event.forward.body),
          },
        }
      : {}),
    request: {
      method: event.method,
      path: event.path,
      headers: shownHeaders(event.headers),
      body: event.payload ?? event.bodyText,
      ...(event.rawBody ? { bodyEncoding: notUtf8Text() } : {}),
    },
  };
  // The body is the sender's: a secret or token pasted into it is shortened like captured traffic.
  return `${shortenTokens(JSON.stringify(document, null, 2))}\n`;
}

/**
 * Verify Webhook Signature…'s report on a pasted payload: the verdict and why, every signing
 * string tried (the one that matched marked), which secret matched (by name, never its value), and
 * the timestamp's age. Undefined when the text is not a JSON object (or nests too deep to show).
 */
export function formatVerificationDocument(payloadText: string, secrets: readonly NamedSecret[], now: number): string | undefined {
  let payload: unknown;
  try {
    payload = JSON.parse(payloadText);
  } catch {
    return undefined;
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload) || !withinDepth(payload)) {
    return undefined;
  }
  const verification = verifyPayload(payload, secrets, { now });
  const warning = timestampWarning(verification);
  const report = {
    verdict: verification.verdict,
    summary: verdictLabel(verification.verdict),
    why: verdictReason(verification),
    type: verification.type ?? null,
    signingStrings: verification.tried.map((candidate) => ({
      field: candidate.field,
      signingString: candidate.signingString,
      matches: verification.match?.signingString === candidate.signingString && verification.match.field === candidate.field,
    })),
    secretsTried: secrets.map((secret) => secret.name),
    ...(verification.match ? { matchedSecret: verification.match.secretName } : {}),
    timestamp: verification.timestamp?.at !== undefined ? new Date(verification.timestamp.at).toISOString() : (verification.timestamp?.raw ?? null),
    stale: verification.timestamp?.stale ?? null,
    ...(warning ? { timestampWarning: warning } : {}),
    payload,
  };
  return `${shortenTokens(JSON.stringify(report, null, 2))}\n`;
}

function answerBody(text: string): unknown {
  try {
    return text === '' ? null : (JSON.parse(text) as unknown);
  } catch {
    return text;
  }
}
