// Plain-Node tests get @vscode/l10n's English text. These run a check as VS Code in another
// language would (the host configures @vscode/l10n with its bundle and sets the display language
// at activation), then put the English back for the other tests.
import * as l10n from '@vscode/l10n';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { useDisplayLanguage } from '../../src/common/text/display';

/** The shipped Arabic bundle, l10n/bundle.l10n.ar.json. */
export function arabicBundle(): Record<string, string> {
  return JSON.parse(fs.readFileSync(path.resolve(__dirname, '..', '..', '..', 'l10n', 'bundle.l10n.ar.json'), 'utf8')) as Record<string, string>;
}

/** Runs `run` with the bundle's words and `language`'s plural rules, dates and numbers. */
export function withBundle<T>(contents: Record<string, string>, run: () => T, language = Object.keys(contents).length > 0 ? 'ar' : 'en'): T {
  l10n.config({ contents });
  useDisplayLanguage(language);
  try {
    return run();
  } finally {
    l10n.config({ contents: {} });
    useDisplayLanguage('en');
  }
}
