// The texts behind the read-only virtual documents are held while a document shows them, and let
// go when it closes: an update to a closed document does not bring its text back (bulk's preview
// kept every text it ever made).
import * as assert from 'node:assert/strict';
import { HeldTexts } from '../../../src/common/text/heldTexts';

describe('held texts of the read-only documents', () => {
  it('gives each added text a path of its own, named for the tab, and frees it when its document closes', () => {
    const texts = new HeldTexts();
    const first = texts.add('stock.md', 'one');
    const second = texts.add('stock.md', 'two');
    assert.notEqual(first, second);
    assert.match(first, /\/stock\.md$/);
    assert.deepEqual([texts.text(first), texts.text(second)], ['one', 'two']);
    texts.release(first);
    assert.equal(texts.text(first), undefined);
    assert.equal(texts.text(second), 'two');
    assert.equal(texts.size, 1);
  });

  it('keeps one text per name for a document that is redrawn in place, and nothing once it is closed', () => {
    const texts = new HeldTexts();
    const path = texts.put('changes.csv → OTO', 'preview');
    assert.equal(texts.put('changes.csv → OTO', 'preview again'), path);
    assert.equal(texts.update('changes.csv → OTO', 'results'), path);
    assert.equal(texts.text(path), 'results');
    assert.equal(texts.size, 1);
    texts.release(path);
    assert.equal(texts.update('changes.csv → OTO', 'results, later'), undefined, 'a closed document is not redrawn');
    assert.equal(texts.size, 0, 'and its text is not kept');
  });

  it('keeps a path a single segment under its number: a slash in a file name cannot make another document', () => {
    const texts = new HeldTexts();
    assert.equal(texts.put('a/b\\c.json', 'x'), '/a-b-c.json');
    assert.match(texts.add('../x.json', 'y'), /^\/\d+\/..-x\.json$/);
  });

  it('lets everything go at once when the extension stops', () => {
    const texts = new HeldTexts();
    texts.add('a.md', 'a');
    texts.put('b.md', 'b');
    texts.clear();
    assert.equal(texts.size, 0);
  });
});
