import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { Decimal } from './decimal.js';
import { formatPercent, formatYuan, isMoneyText, parseMoney, ratioOrNull, sum, toRatio, toYuan } from './money.js';

describe('money parsing', () => {
  it.each(['0', '1', '12345.67', '12345.6', '-5.00', '999999999999999999.99'])('accepts %s', (v) => {
    expect(isMoneyText(v)).toBe(true);
  });
  it.each(['1e5', '12.345', '', ' 1', '1,000.00', '01.00', '+1', '.5', '1.', 'NaN', 'Infinity', '0x10', '1000000000000000000.00'])(
    'rejects %j',
    (v) => {
      expect(isMoneyText(v)).toBe(false);
      expect(() => parseMoney(v)).toThrow(RangeError);
    },
  );
  it('rejects a JSON number', () => {
    expect(isMoneyText(12345.67)).toBe(false);
  });
  it('keeps every fen above 2^53', () => {
    // 2^53 = 9007199254740992; a float would lose the trailing .01
    expect(toYuan(parseMoney('9007199254740993.01').plus('0.01'))).toBe('9007199254740993.02');
  });
});

describe('money rounding and formatting', () => {
  it('rounds half up to the fen', () => {
    expect(toYuan(new Decimal('0.005'))).toBe('0.01');
    expect(toYuan(new Decimal('0.004999'))).toBe('0.00');
    expect(toYuan(new Decimal('-0.005'))).toBe('-0.01');
    expect(toYuan(new Decimal('-0.004'))).toBe('0.00');
    expect(toYuan('100')).toBe('100.00');
  });
  it('one third of 100 yuan, three times, is 99.99 when each part is rounded', () => {
    const third = toYuan(new Decimal(100).div(3));
    expect(third).toBe('33.33');
    expect(toYuan(sum([third, third, third]))).toBe('99.99');
  });
  it('0.1 + 0.2 is exactly 0.30', () => {
    expect(toYuan(sum(['0.1', '0.2']))).toBe('0.30');
  });
  it('rounds ratios to six places', () => {
    expect(toRatio(new Decimal(1).div(3))).toBe('0.333333');
    expect(toRatio(new Decimal(2).div(3))).toBe('0.666667');
    expect(toRatio('0.5')).toBe('0.500000');
  });
  it('ratio over zero is null', () => {
    expect(ratioOrNull(new Decimal(1), new Decimal(0))).toBeNull();
  });
  it('formats with thousands separators and percentages', () => {
    expect(formatYuan('1234567.891')).toBe('1,234,567.89');
    expect(formatYuan('-1000')).toBe('-1,000.00');
    expect(formatYuan('999')).toBe('999.00');
    expect(formatPercent('0.5')).toBe('50.00%');
    expect(formatPercent('0.123456', 4)).toBe('12.3456%');
  });
});

describe('toYuan and toRatio print what decimal.js rounds (half-up), whatever the decimals', () => {
  // The expected text comes from decimal.js' own toFixed with half-up rounding: the formatting takes a
  // shortcut for values that need no rounding, and must print exactly the same.
  const decimalText = fc
    .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.integer({ min: 0, max: 9 }))
    .map(([neg, digits, scale]) => {
      const t = digits.toString().padStart(scale + 1, '0');
      return `${neg ? '-' : ''}${scale === 0 ? t : `${t.slice(0, -scale)}.${t.slice(-scale)}`}`;
    });
  const plain = (d: Decimal, places: number) => {
    const s = d.toFixed(places, Decimal.ROUND_HALF_UP);
    return /^-0\.0+$/.test(s) ? s.slice(1) : s;
  };
  it('for any decimal text from 0 to 10^20 with up to nine decimals, either sign (fast-check)', () => {
    fc.assert(
      fc.property(decimalText, (t) => {
        const d = new Decimal(t);
        expect(toYuan(d)).toBe(plain(d, 2));
        expect(toRatio(d)).toBe(plain(d, 6));
        expect(toYuan(t)).toBe(plain(d, 2));
        expect(formatPercent(d, 4)).toBe(`${d.times(100).toFixed(4, Decimal.ROUND_HALF_UP)}%`);
        expect(formatPercent(d, 9)).toBe(`${d.times(100).toFixed(9, Decimal.ROUND_HALF_UP)}%`);
      }),
      { numRuns: 2000 },
    );
  });
  it('for results of arithmetic: thirds, sums and products', () => {
    for (const d of [new Decimal(1).div(3), new Decimal(-2).div(3), new Decimal('0.1').plus('0.2'), new Decimal('123.456').times('1000'), new Decimal('1e-7'), new Decimal('-1e-7'), new Decimal('5e20'), new Decimal(0), new Decimal('-0')]) {
      expect(toYuan(d)).toBe(plain(d, 2));
      expect(toRatio(d)).toBe(plain(d, 6));
    }
  });
});

