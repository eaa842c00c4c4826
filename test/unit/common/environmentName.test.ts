// An environment named inside a sentence: the id in English, the display language's word in
// Arabic (the Arabic status bar read "OTO sandbox · 6 منخفض", an English word mid-sentence).
import * as assert from 'node:assert/strict';
import { environmentInText } from '../../../src/common/text/environmentName';
import { unreachableText } from '../../../src/common/text/unreachable';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { arabicBundle, withBundle } from '../l10nBundle';

describe('environment names inside a sentence', () => {
  it('keeps the id in English, so sentences read as before', () => {
    assert.deepEqual(['sandbox', 'staging', 'production'].map(environmentInText), ['sandbox', 'staging', 'production']);
    assert.equal(unreachableText('staging'), 'OTO staging cannot be reached — check your network or proxy.');
  });

  it('gives Arabic sentences an Arabic word for each environment, and passes an unknown id through', () => {
    const bundle = arabicBundle();
    const [names, sentence, unknown] = withBundle(bundle, () => [['sandbox', 'staging', 'production'].map(environmentInText), unreachableText('staging'), environmentInText('qa-2')] as const);
    for (const name of names) {
      assert.doesNotMatch(name, /[A-Za-z]/, name);
    }
    assert.equal(new Set(names).size, 3, 'three different words');
    assert.doesNotMatch(sentence, /staging/);
    assert.match(sentence, new RegExp(names[1]));
    assert.equal(unknown, 'qa-2');
  });

  it('calls each environment by one Arabic name in every shipped string: staging never by the sandbox\'s word, nor the sandbox by staging\'s', () => {
    const root = path.resolve(__dirname, '..', '..', '..', '..');
    const read = (file: string): Record<string, string> => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as Record<string, string>;
    const manifestEnglish = read('package.nls.json');
    const pairs = [
      ...Object.entries(arabicBundle()),
      ...Object.entries(read('package.nls.ar.json')).map(([key, arabic]) => [manifestEnglish[key] ?? key, arabic] as const),
    ];
    const crossed = pairs.filter(([english, arabic]) => {
      const sandbox = /sandbox/i.test(english);
      const staging = /staging/i.test(english);
      return (sandbox && !staging && /بيئة الاختبار|المحلية \(sandbox\)/.test(arabic)) || (staging && !sandbox && /التجريبية/.test(arabic));
    });
    assert.deepEqual(crossed, []);
  });
});
