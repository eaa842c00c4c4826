// What package.json's menus offer where: the row actions the README promises, and nothing on the
// sandbox that it has no use for.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMANDS, VIEWS } from '../../../src/common/ids';

interface MenuEntry {
  command: string;
  when?: string;
  group?: string;
}

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { menus: Record<string, MenuEntry[]> } };
const menus = manifest.contributes.menus;

describe('menus', () => {
  it('puts Adjust, Set and Copy SKU inline on a SKU row of the Stock view, in that order', () => {
    const inline = menus['view/item/context']
      .filter((entry) => entry.when?.includes(`view == ${VIEWS.stock}`) && entry.when.includes('oto\\.sku') && entry.group?.startsWith('inline'))
      .sort((a, b) => Number(a.group?.split('@')[1]) - Number(b.group?.split('@')[1]))
      .map((entry) => entry.command);
    assert.deepEqual(inline, [COMMANDS.adjustStock, COMMANDS.setStock, COMMANDS.copySku]);
  });

  it('offers Sign In in the Stock view’s menu only away from the sandbox, which signs itself in', () => {
    const signIn = menus['view/title'].filter((entry) => entry.command === COMMANDS.signIn && entry.when?.includes(`view == ${VIEWS.stock}`));
    assert.equal(signIn.length, 1);
    assert.match(signIn[0].when ?? '', /oto\.environment != sandbox/);
  });
});
