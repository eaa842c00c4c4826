import * as assert from 'node:assert/strict';
import { escapeMarkdown } from '../../../src/common/text/markdown';
import { renderNotInCatalogue, renderSkuHover } from '../../../src/devtools/hover/hoverMarkdown';

describe('escapeMarkdown: data shown literally, on one line, in its own order', () => {
  it('escapes every character Markdown reads, backticks and table bars included', () => {
    assert.equal(escapeMarkdown('*_[x](y)<b>|`c`#~!&'), '\\*\\_\\[x\\]\\(y\\)\\<b\\>\\|\\`c\\`\\#\\~\\!\\&');
  });

  it('turns every line ending into a space: a lone \\r would end a table row or open a code block', () => {
    assert.equal(escapeMarkdown('A\r    code'), 'A     code');
    assert.equal(escapeMarkdown('a\r\nb\nc\u2028d\u2029e\u0085f'), 'a b c d e f');
  });

  it('drops bidi embeddings, overrides and isolates, keeping Arabic text and its marks', () => {
    assert.equal(escapeMarkdown('SKU\u202eLIVE'), 'SKULIVE');
    assert.equal(escapeMarkdown('\u2067تمر\u2069 \u202bx\u202c'), 'تمر x');
    assert.equal(escapeMarkdown('تمر\u200f 5'), 'تمر\u200f 5');
  });

  it('a hostile SKU or name in the hover stays on its line and cannot reverse the text after it', () => {
    const sku = 'X-1\r| injected |\u202e';
    const hover = renderSkuHover({ sku, product: { name: 'Dates *bold* `code`\u2028[link](command:evil)' }, locations: [] });
    const [first] = hover.split('\n');
    assert.equal(first, '**X\\-1 \\| injected \\|** — Dates \\*bold\\* \\`code\\` \\[link\\]\\(command:evil\\)');
    assert.doesNotMatch(hover, /[\r\u2028\u202e]/);
    assert.equal(renderNotInCatalogue(sku).split('\n').length, 1);
    assert.doesNotMatch(renderNotInCatalogue(sku), /\u202e/);
  });
});
