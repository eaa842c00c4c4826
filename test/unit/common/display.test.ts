import * as assert from 'node:assert';
import { asciiDigits, formatDateTime, formatNumber } from '../../../src/common/text/display';
import { formatTime } from '../../../src/common/text/timeFormat';
import { parseItemQuantity, parseStockQuantity } from '../../../src/stockChange/quantity';

describe('display: dates, numbers and typed digits', () => {
  it('reads Arabic-Indic and Extended Arabic-Indic digits, typed minus signs and direction marks as ASCII', () => {
    assert.strictEqual(asciiDigits('٥'), '5');
    assert.strictEqual(asciiDigits('−١٢'), '-12');
    assert.strictEqual(asciiDigits('\u200f۳۰\u200f'), '30');
    assert.strictEqual(asciiDigits('12 abc'), '12 abc');
  });

  it('accepts a quantity typed in Arabic-Indic digits, and still refuses what is not a whole number', () => {
    assert.deepStrictEqual(parseStockQuantity('adjust', 10, '٥'), { value: 5 });
    assert.deepStrictEqual(parseStockQuantity('adjust', 10, '-٣'), { value: -3 });
    assert.deepStrictEqual(parseItemQuantity('١٢'), { value: 12 });
    assert.ok('error' in parseStockQuantity('adjust', 10, '٥٫٥'));
  });

  it('writes dates and numbers in the display language', () => {
    const when = Date.UTC(2026, 11, 15, 9, 30);
    assert.match(formatDateTime(when, 'en'), /Dec 15, 2026|15 Dec 2026/);
    assert.match(formatDateTime(when, 'ar'), /[\u0600-\u06ff]/, 'Arabic words in Arabic');
    assert.doesNotMatch(formatDateTime(when, 'ar'), /Dec/);
    assert.strictEqual(formatNumber(12500, 'en'), '12,500');
    assert.strictEqual(formatNumber(-1234567, 'en'), '-1,234,567');
    assert.strictEqual(formatDateTime(when, 'not a language!'), formatDateTime(when, Intl.DateTimeFormat().resolvedOptions().locale), 'an unknown tag falls back');
  });

  it('words each time as its own clock says, one second after another and back (the CLI remembers the last second it worded)', () => {
    const local = (epochMs: number): string => {
      const date = new Date(epochMs);
      const two = (value: number): string => String(value).padStart(2, '0');
      return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}.${String(date.getMilliseconds()).padStart(3, '0')}`;
    };
    const start = Date.UTC(2026, 11, 15, 9, 30, 59, 998);
    for (const epochMs of [start, start + 1, start + 2, start + 3, start + 1002, start, start + 3_600_000, start + 86_400_001, start + 0.6]) {
      assert.strictEqual(formatTime(epochMs), local(epochMs), `at ${epochMs}`);
    }
  });
});
