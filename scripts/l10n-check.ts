// Checks that the Arabic bundles translate every English string: every key of package.nls.json
// (and every %key% package.json uses) in package.nls.ar.json, every `l10n.t` message of src/
// (host code's `vscode.l10n.t`, and `@vscode/l10n`'s `l10n.t` in code that runs without vscode)
// in l10n/bundle.l10n.ar.json, with the same {0}-style placeholders, and that no bundle file
// names a key twice (JSON.parse keeps the last silently). Run as `npm run l10n:check`; the unit
// tests run it too, so a new string fails until translated.
import { visit } from 'jsonc-parser';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

export const LANGUAGES = ['ar'] as const;

export interface L10nReport {
  /** package.json `%key%` references with no English text in package.nls.json. */
  readonly unknownManifestKeys: string[];
  /** Per language: English keys or messages without a translation. */
  readonly missing: Record<string, string[]>;
  /** Per language: translations whose placeholders differ from the English. */
  readonly placeholderMismatches: Record<string, string[]>;
  /** Translations that are still the English text (or empty). */
  readonly untranslated: Record<string, string[]>;
  /** `l10n.t(...)` calls whose message is not a string literal, so no bundle can cover them. */
  readonly nonLiteralCalls: string[];
  /** `file: "key" (line n)` for each key a bundle file names more than once in one object. */
  readonly duplicateKeys: string[];
  /** Per language: `<other>/plural: <category>` keys no `plural(...)` call asks for. */
  readonly unusedPlurals: Record<string, string[]>;
}

/** A counted message, `plural(count, one, other, …)`, `pluralOfMany(count, other, …)` or `pluralForms(one, other)` (src/common/text/plural.ts). */
export interface PluralMessage {
  readonly one: string;
  readonly other: string;
}

/** How plural.ts marks a category's key, the category being `comment`'s last word. */
const PLURAL_KEY = /\/plural: (\w+)$/;

export function pluralKey(other: string, category: string): string {
  return `${other}/plural: ${category}`;
}

/** The categories a language has beyond English's one/other, each with its own bundle key. */
export function extraCategories(language: string): string[] {
  return new Intl.PluralRules(language).resolvedOptions().pluralCategories.filter((category) => category !== 'one' && category !== 'other');
}

/** Where the English one and other forms are in a plural call's arguments. */
const PLURAL_CALLS: Record<string, readonly [number, number]> = { plural: [1, 2], pluralForms: [0, 1], pluralOfMany: [1, 1] };

function pluralCallee(callee: ts.Expression): string | undefined {
  const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
  return name !== undefined && Object.hasOwn(PLURAL_CALLS, name) ? name : undefined;
}

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
}

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      files.push(...sourceFiles(full));
    } else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      files.push(full);
    }
  }
  return files;
}

/** `l10n.t`, `vscode.l10n.t`, `this.l10n.t`: the callee or tag of a message. */
function isL10nT(callee: ts.Expression): boolean {
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 't' && /(^|\.)l10n$/.test(callee.expression.getText());
}

/** The key of `l10n.t\`Saved ${n} rows\``: its text with `{0}`, `{1}`… where the values go. */
function taggedKey(template: ts.TemplateLiteral): string {
  return ts.isNoSubstitutionTemplateLiteral(template) ? template.text : template.head.text + template.templateSpans.map((span, index) => `{${index}}${span.literal.text}`).join('');
}

function stringValue(node: ts.Expression | undefined): string | undefined {
  return node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;
}

/** The bundle key of `l10n.t(...)`: the message, or `message/comment` for the object form. */
function messageKey(node: ts.CallExpression): string | undefined {
  const [first] = node.arguments;
  const literal = stringValue(first);
  if (literal !== undefined || !first || !ts.isObjectLiteralExpression(first)) {
    return literal;
  }
  const field = (name: string): ts.Expression | undefined => {
    const property = first.properties.find((candidate) => ts.isPropertyAssignment(candidate) && candidate.name.getText() === name);
    return property && ts.isPropertyAssignment(property) ? property.initializer : undefined;
  };
  const message = stringValue(field('message'));
  const commentNode = field('comment');
  if (message === undefined) {
    return undefined;
  }
  if (!commentNode) {
    return message;
  }
  const comment = ts.isArrayLiteralExpression(commentNode) ? commentNode.elements.map((element) => stringValue(element) ?? '').join('') : stringValue(commentNode);
  return comment ? `${message}/${comment}` : message;
}

/** Every `l10n.t` message in the source text, plus the locations of calls it cannot read. */
export function extractMessages(source: string, file = '<source>.ts'): { messages: string[]; plurals: PluralMessage[]; nonLiteral: string[] } {
  const messages: string[] = [];
  const plurals: PluralMessage[] = [];
  const nonLiteral: string[] = [];
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const where = (node: ts.Node): string => `${file}:${sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node): void => {
    if (ts.isTaggedTemplateExpression(node) && isL10nT(node.tag)) {
      messages.push(taggedKey(node.template));
    } else if (ts.isCallExpression(node) && isL10nT(node.expression)) {
      const key = messageKey(node);
      if (key === undefined) {
        nonLiteral.push(where(node));
      } else {
        messages.push(key);
      }
    } else if (ts.isCallExpression(node) && pluralCallee(node.expression) !== undefined) {
      const [oneAt, otherAt] = PLURAL_CALLS[pluralCallee(node.expression) as string];
      const one = stringValue(node.arguments[oneAt]);
      const other = stringValue(node.arguments[otherAt]);
      if (one === undefined || other === undefined) {
        nonLiteral.push(where(node));
      } else {
        messages.push(one, other);
        plurals.push({ one, other });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return { messages, plurals, nonLiteral };
}

/** What a translation must carry over unchanged: `{0}` placeholders, `$(icon)` codicons and `(command:…)` links. */
export function placeholders(text: string): string {
  return [...text.matchAll(/\{(?:\d+|\w+)\}|\$\([\w-]+\)|\(command:[^)\s]+\)/g)]
    .map((match) => match[0])
    .sort()
    .join(' ');
}

/** The sources whose messages are not messages: plural.ts looks up the forms the others name. */
const LOOKUP_FILES = [path.join('src', 'common', 'text', 'plural.ts')];

export function englishMessages(root: string): { messages: string[]; plurals: PluralMessage[]; nonLiteral: string[] } {
  const all = new Set<string>();
  const plurals = new Map<string, PluralMessage>();
  const nonLiteral: string[] = [];
  for (const file of sourceFiles(path.join(root, 'src')).filter((name) => !LOOKUP_FILES.includes(path.relative(root, name)))) {
    const found = extractMessages(fs.readFileSync(file, 'utf8'), path.relative(root, file));
    found.messages.forEach((message) => all.add(message));
    found.plurals.forEach((message) => plurals.set(message.other, message));
    nonLiteral.push(...found.nonLiteral);
  }
  return { messages: [...all].sort(), plurals: [...plurals.values()].sort((a, b) => a.other.localeCompare(b.other)), nonLiteral };
}

/** Keys named twice in one object of a JSON text, which JSON.parse would drop without a word. */
export function duplicateKeys(text: string, file: string): string[] {
  const found: string[] = [];
  const open: Array<Set<string>> = [];
  visit(text, {
    onObjectBegin: () => void open.push(new Set()),
    onObjectEnd: () => void open.pop(),
    onObjectProperty: (property, _offset, _length, line) => {
      const keys = open[open.length - 1];
      if (keys.has(property)) {
        found.push(`${file}: ${JSON.stringify(property)} (line ${line + 1})`);
      }
      keys.add(property);
    },
  });
  return found;
}

function manifestKeys(root: string): string[] {
  const keys = new Set<string>();
  const text = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
  for (const match of text.matchAll(/"%([^%"]+)%"/g)) {
    keys.add(match[1]);
  }
  return [...keys].sort();
}

/** Names that stay in Latin letters in every language. */
const UNTRANSLATED_NAMES = /\b(?:OTO|SKUs?|cURL|CSV|JSON|ERP|WMS)\b/g;

/** True when a translation identical to the English still needs translating (it has English words). */
function needsTranslation(text: string): boolean {
  return /[A-Za-z]{3}/.test(text.replace(UNTRANSLATED_NAMES, '').replace(/\$\([\w-]+\)/g, ''));
}

/** A plural form may leave out the count, `{0}` (Arabic writes 1 and 2 in the word), but nothing else. */
function pluralPlaceholders(text: string): string {
  return placeholders(text).split(' ').filter((placeholder) => placeholder !== '{0}').join(' ');
}

function compare(english: Map<string, string>, translated: Record<string, unknown>, report: { missing: string[]; mismatches: string[]; untranslated: string[] }, countedForms = new Set<string>()): void {
  for (const [key, text] of english) {
    const translation = translated[key];
    const value = typeof translation === 'string' ? translation : (translation as { message?: unknown } | undefined)?.message;
    if (typeof value !== 'string') {
      report.missing.push(key);
    } else if (value.trim() === '' || (value === text && needsTranslation(text))) {
      report.untranslated.push(key);
    } else if (countedForms.has(key) ? pluralPlaceholders(value) !== pluralPlaceholders(text) : placeholders(value) !== placeholders(text)) {
      report.mismatches.push(key);
    }
  }
}

export function checkL10n(root: string): L10nReport {
  const nls = readJson(path.join(root, 'package.nls.json'));
  const manifestEnglish = new Map(Object.entries(nls).map(([key, value]) => [key, String(value)]));
  const { messages, plurals, nonLiteral } = englishMessages(root);
  const bundleEnglish = new Map(messages.map((message) => [message, message]));
  const countedForms = new Set(plurals.flatMap(({ one, other }) => [one, other]));
  const report: L10nReport = {
    unknownManifestKeys: manifestKeys(root).filter((key) => !manifestEnglish.has(key)),
    missing: {},
    placeholderMismatches: {},
    untranslated: {},
    nonLiteralCalls: nonLiteral,
    duplicateKeys: [],
    unusedPlurals: {},
  };
  const bundleFiles = ['package.nls.json', ...LANGUAGES.flatMap((language) => [`package.nls.${language}.json`, path.join('l10n', `bundle.l10n.${language}.json`)])];
  for (const file of bundleFiles.filter((name) => fs.existsSync(path.join(root, name)))) {
    report.duplicateKeys.push(...duplicateKeys(fs.readFileSync(path.join(root, file), 'utf8'), file));
  }
  for (const language of LANGUAGES) {
    const result = { missing: [] as string[], mismatches: [] as string[], untranslated: [] as string[] };
    const manifestFile = path.join(root, `package.nls.${language}.json`);
    const bundleFile = path.join(root, 'l10n', `bundle.l10n.${language}.json`);
    compare(manifestEnglish, fs.existsSync(manifestFile) ? readJson(manifestFile) : {}, result);
    const bundle = fs.existsSync(bundleFile) ? readJson(bundleFile) : {};
    // Each category the language has beyond one/other is a key of its own, in English the `other` form.
    const categoryKeys = new Map(plurals.flatMap(({ other }) => extraCategories(language).map((category) => [pluralKey(other, category), other] as const)));
    compare(new Map([...bundleEnglish, ...categoryKeys]), bundle, result, new Set([...countedForms, ...categoryKeys.keys()]));
    report.unusedPlurals[language] = Object.keys(bundle).filter((key) => PLURAL_KEY.test(key) && !categoryKeys.has(key));
    report.missing[language] = result.missing;
    report.placeholderMismatches[language] = result.mismatches;
    report.untranslated[language] = result.untranslated;
  }
  return report;
}

/** What makes `npm run l10n:check` fail, one paragraph each; none when the bundles are complete. */
export function failures(report: L10nReport): string[] {
  const found: string[] = [];
  if (report.unknownManifestKeys.length > 0) {
    found.push(`package.json uses keys missing from package.nls.json: ${report.unknownManifestKeys.join(', ')}`);
  }
  for (const language of LANGUAGES) {
    for (const [label, list] of [
      ['missing', report.missing[language]],
      ['untranslated', report.untranslated[language]],
      ['placeholder mismatch', report.placeholderMismatches[language]],
      ['plural form no plural(...) call uses', report.unusedPlurals[language]],
    ] as const) {
      if (list && list.length > 0) {
        found.push(`${language}: ${list.length} ${label}:\n  ${list.map((key) => JSON.stringify(key)).join('\n  ')}`);
      }
    }
  }
  if (report.duplicateKeys.length > 0) {
    found.push(`keys named twice (JSON.parse keeps only the last):\n  ${report.duplicateKeys.join('\n  ')}`);
  }
  return found;
}

function main(): void {
  const root = path.resolve(__dirname, '..', '..');
  const report = checkL10n(root);
  if (report.nonLiteralCalls.length > 0) {
    console.warn(`l10n.t calls without a literal message (not checkable): ${report.nonLiteralCalls.join(', ')}`);
  }
  const found = failures(report);
  if (found.length > 0) {
    found.forEach((failure) => console.error(failure));
    process.exit(1);
  }
  console.log(`l10n: ${LANGUAGES.join(', ')} cover every English string, each key once`);
}

if (require.main === module) {
  main();
}
