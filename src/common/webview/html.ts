// The HTML shell of every webview page (packing, history). Everything a page shows arrives later
// by message; this only loads the bundled script (by nonce) and styles under a CSP that allows nothing else.
import { isRightToLeft } from '../text/bidi';
import { randomBytes } from 'node:crypto';

export interface PageHtmlOptions {
  /** `webview.cspSource`: where styles and fonts may come from. */
  cspSource: string;
  nonce: string;
  scriptUri: string;
  styleUri: string;
  codiconsUri: string;
  /** VS Code's display language, e.g. `en`, `ar`. */
  language: string;
  title: string;
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ENTITIES[char]);
}

export function createNonce(): string {
  return randomBytes(18).toString('base64url');
}

/** Arabic (and the other right-to-left languages VS Code can be shown in) lay the page out right to left. */
export function textDirection(language: string): 'rtl' | 'ltr' {
  return isRightToLeft(language) ? 'rtl' : 'ltr';
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [`default-src 'none'`, `style-src ${cspSource}`, `font-src ${cspSource}`, `script-src 'nonce-${nonce}'`].join('; ');
}

export function pageHtml(options: PageHtmlOptions): string {
  return `<!DOCTYPE html>
<html lang="${escapeHtml(options.language)}" dir="${textDirection(options.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(options.cspSource, options.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(options.codiconsUri)}">
<link rel="stylesheet" href="${escapeHtml(options.styleUri)}">
<title>${escapeHtml(options.title)}</title>
</head>
<body>
<main id="app" aria-busy="true"></main>
<script nonce="${escapeHtml(options.nonce)}" src="${escapeHtml(options.scriptUri)}"></script>
</body>
</html>
`;
}
