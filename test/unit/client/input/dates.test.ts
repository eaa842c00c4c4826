import * as assert from 'node:assert/strict';
import { compareDdMmYyyy, formatDdMmYyyy, isValidDdMmYyyy, parseDdMmYyyy } from '../../../../src/client';

describe('DD/MM/YYYY dates', () => {
  it('parses real calendar dates', () => {
    assert.deepEqual(parseDdMmYyyy('31/03/2022'), { day: 31, month: 3, year: 2022 });
    assert.deepEqual(parseDdMmYyyy('29/02/2024'), { day: 29, month: 2, year: 2024 });
    assert.deepEqual(parseDdMmYyyy('29/02/2000'), { day: 29, month: 2, year: 2000 });
  });

  it('refuses dates that do not exist', () => {
    for (const text of ['29/02/2023', '29/02/1900', '31/04/2026', '00/01/2026', '01/13/2026', '32/01/2026', '01/00/2026', '01/01/0000']) {
      assert.equal(isValidDdMmYyyy(text), false, text);
    }
  });

  it('refuses other formats', () => {
    for (const text of ['3103/2023', '1/3/2023', '2023-03-31', '31/03/23', ' 31/03/2023', '31/03/2023 ', '31-03-2023', '']) {
      assert.equal(isValidDdMmYyyy(text), false, JSON.stringify(text));
    }
  });

  it('formats a local date with leading zeros', () => {
    assert.equal(formatDdMmYyyy(new Date(2026, 0, 5)), '05/01/2026');
    assert.equal(formatDdMmYyyy(new Date(2025, 11, 31, 23, 59)), '31/12/2025');
    assert.equal(isValidDdMmYyyy(formatDdMmYyyy(new Date())), true);
  });

  it('orders dates by calendar day, not by their text', () => {
    assert.ok(compareDdMmYyyy('01/12/2026', '30/11/2026') > 0);
    assert.ok(compareDdMmYyyy('31/12/2025', '01/01/2026') < 0);
    assert.equal(compareDdMmYyyy('15/12/2026', '15/12/2026'), 0);
    assert.ok(Number.isNaN(compareDdMmYyyy('31/02/2026', '01/01/2026')));
  });
});
