import { describe, expect, it } from '@jest/globals';
import { amountFen, epochDay } from './position-series-feed.js';

describe('amountFen: an amount of numeric(20,2) in whole fen, exactly', () => {
  it.each([
    ['1000.00', 100_000],
    ['0.01', 1],
    ['5', 500],
    ['5.5', 550],
    ['5.50', 550],
    ['5.500', 550],
    ['+7.25', 725],
    ['-3.00', -300],
    ['0007.10', 710],
    // 13 integer digits: the largest amount kept as a number (999,999,999,999,999 fen < 2^53)
    ['9999999999999.99', 999_999_999_999_999],
  ])('%s is %p fen', (amount, fen) => {
    expect(amountFen(amount)).toBe(fen);
  });

  it.each([
    ['12345678901234.56', 1_234_567_890_123_456n],
    // the last amount whose fen fit an int8 (9,223,372,036,854,775,807), and the first that does not
    ['92233720368547758.07', 9_223_372_036_854_775_807n],
    ['92233720368547758.08', 9_223_372_036_854_775_808n],
    ['999999999999999999.99', 99_999_999_999_999_999_999n],
  ])('%s is %p fen, as a BigInt past 13 integer digits', (amount, fen) => {
    expect(amountFen(amount)).toBe(fen);
  });

  it('takes a number as its decimal text', () => {
    expect(amountFen(12.5)).toBe(1250);
  });

  it.each(['', '.5', '1.', '1.001', '1.2.3', '1e5', '12a', '--1', ' 1', null, true])('refuses %p', (v) => {
    expect(amountFen(v)).toBeNull();
  });
});

describe('epochDay: a date as days since 1970-01-01, as PostgreSQL subtracts dates', () => {
  it.each([
    ['1970-01-01', 0],
    ['1969-12-31', -1],
    ['2000-01-01', 10_957],
    // 54 years from 1970 with 13 leap days, then 31 + 28 days of 2024
    ['2024-02-29', 19_782],
    ['0001-01-01', -719_162],
  ])('%s is day %p', (d, n) => {
    expect(epochDay(d)).toBe(n);
  });

  it.each(['2023-02-29', '2024-13-01', '2024-3-1', '0000-01-01', '20240301', 20240301, null])('refuses %p', (d) => {
    expect(epochDay(d)).toBeNull();
  });
});
