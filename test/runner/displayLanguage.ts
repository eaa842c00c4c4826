// VS Code shows an extension's own translations (package.nls.<lang>.json, l10n/bundle.l10n.<lang>.json)
// only when its display language resolves to that language, and it resolves a language only when a
// language pack for it is installed. The Marketplace's packs cannot be fetched offline, so the runner
// writes an empty one: the workbench's own strings stay English, everything of ours is in the
// language under test, as a user with the real pack sees it.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Profile } from './codeServer';

/**
 * Registers an empty language pack for `locale` in the profile the way VS Code's own language-pack
 * cache does (`<user-data-dir>/languagepacks.json`), which the server reads when it resolves
 * `--locale`.
 */
export function useDisplayLanguage(profile: Profile, locale: string): void {
  if (!/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(locale)) {
    throw new Error(`not a language tag: ${JSON.stringify(locale)}`);
  }
  const id = `oto-tests.language-pack-${locale.toLowerCase()}`;
  const version = '0.0.1';
  const translations = path.join(path.dirname(profile.userDataDir), `language-pack-${locale}`, 'main.i18n.json');
  fs.mkdirSync(path.dirname(translations), { recursive: true });
  fs.writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
  const hash = crypto.createHash('md5').update(id).update(version).digest('hex');
  const packs = { [locale]: { hash, extensions: [{ extensionIdentifier: { id }, version }], translations: { vscode: translations }, label: locale } };
  fs.writeFileSync(path.join(profile.userDataDir, 'languagepacks.json'), JSON.stringify(packs, null, 2));
}
