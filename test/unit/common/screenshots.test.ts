// Every screenshot the README shows is one an in-editor suite takes (`screenshot('<name>')` in
// test/integration), so refreshing them from a run's test-output/screenshots/ keeps them true;
// and media/screenshots/ holds nothing the README does not show.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');

/** The names the suites ask for, as patterns: `packing-${theme}` matches `packing-light`. */
function suiteScreenshots(): RegExp[] {
  const dir = path.join(ROOT, 'test', 'integration');
  const patterns: RegExp[] = [];
  for (const file of fs.readdirSync(dir).filter((name) => name.endsWith('.test.ts'))) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    for (const match of text.matchAll(/\bscreenshot\((['`])([^'`]+)\1\)/g)) {
      const source = match[2].split(/\$\{[^}]+\}/).map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('[\\w-]+');
      patterns.push(new RegExp(`^${source}$`));
    }
  }
  return patterns;
}

describe('README screenshots', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const shown = [...readme.matchAll(/\]\(media\/screenshots\/([\w.-]+)\.png\)/g)].map((match) => match[1]);
  const taken = suiteScreenshots();

  it('shows only screenshots an in-editor suite takes', () => {
    assert.ok(shown.length > 0 && taken.length > 0);
    assert.deepEqual(shown.filter((name) => !taken.some((pattern) => pattern.test(name))), [], 'no suite takes these');
  });

  it('keeps no screenshot in media/screenshots/ that the README does not show', () => {
    const files = fs.readdirSync(path.join(ROOT, 'media', 'screenshots')).filter((name) => name.endsWith('.png')).map((name) => name.replace(/\.png$/, ''));
    assert.deepEqual(files.filter((name) => !shown.includes(name)).sort(), []);
    assert.deepEqual(shown.filter((name) => !files.includes(name)).sort(), [], 'the README shows a file that is missing');
  });
});
