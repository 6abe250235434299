import { describe, expect, it } from '@jest/globals';
import { addYears, daysBetween, isBusinessDate } from './business-date.js';

describe('business dates', () => {
  it.each(['2025-01-01', '2024-02-29', '2025-12-31'])('accepts %s', (d) => expect(isBusinessDate(d)).toBe(true));
  it.each(['2025-02-30', '2025-02-29', '2025-13-01', '2025-1-01', '2025-01-01T00:00:00Z', '20250101', '', '2025-00-10', '2025-04-31'])(
    'rejects %j',
    (d) => expect(isBusinessDate(d)).toBe(false),
  );
  it('counts days', () => {
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-03-01', '2025-02-28')).toBe(-1);
  });
  it('adds years', () => {
    expect(addYears('2010-06-30', 15)).toBe('2025-06-30');
    expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
  });
});
