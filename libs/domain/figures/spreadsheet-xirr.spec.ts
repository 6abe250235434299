import { describe, expect, it } from '@jest/globals';
import { type ScaledFlows, spreadsheetNewton, spreadsheetReach } from './spreadsheet-xirr.js';

/** Flows on whole days from the first, amounts in yuan: scaled as XIRR's terms are. */
function flows(days: number[], yuan: number[], leadDays = 0): ScaledFlows {
  const scale = Math.max(...yuan.map(Math.abs));
  return { n: days.length, t: Float64Array.from(days.map((d) => d / 365)), a: Float64Array.from(yuan.map((v) => v / scale)), scale, lead: leadDays / 365 };
}
// Excel's documented XIRR example: 0.373362535 to nine places, 0.3733625335188315 by mpmath (days 0, 60,
// 303, 411, 456 from 2008-01-01).
const EXCEL = flows([0, 60, 303, 411, 456], [-10000, 2750, 4250, 3250, 2750]);
// −100, then +0.01 a year later: r = 0.01/100 − 1 = −0.9999.
const NEAR = flows([0, 365], [-100, 0.01]);

describe("LibreOffice's XIRR iteration, replayed", () => {
  it("reaches Excel's documented rate from the default guess, and from another", () => {
    expect(spreadsheetNewton(EXCEL, 0.1)!).toBeCloseTo(0.3733625335188315, 12);
    expect(spreadsheetNewton(EXCEL, -0.5)!).toBeCloseTo(0.3733625335188315, 12);
  });
  it('refuses a guess at or below −1, as LibreOffice does', () => {
    expect(spreadsheetNewton(EXCEL, -1)).toBeNull();
    expect(spreadsheetNewton(EXCEL, -2)).toBeNull();
  });
  it('gives up where its first step leaves (−1, ∞): −100, +0.01 from 0.1 (0.1 − f/f′ ≈ −12098)', () => {
    expect(spreadsheetNewton(NEAR, 0.1)).toBeNull();
    expect(spreadsheetNewton(NEAR, -0.9999)!).toBeCloseTo(-0.9999, 12);
  });
  it('gives up after 50 steps: a root 7.5e109 away from the guess', () => {
    expect(spreadsheetNewton(flows([0, 1], [-100, 200]), 0.1)).toBeNull();
  });
});

describe('spreadsheetReach', () => {
  it('DEFAULT, GUESS and UNREACHABLE', () => {
    expect(spreadsheetReach(EXCEL, 0.37336253351883)).toBe('DEFAULT');
    expect(spreadsheetReach(NEAR, -0.9999)).toBe('GUESS');
    // a rate to six places of −1.000000 is no guess at all
    expect(spreadsheetReach(flows([0, 6], [-100, 24]), -1 + 1e-17)).toBe('UNREACHABLE');
  });
  it('a rate the iteration does not land on is not reached, whatever the guess', () => {
    expect(spreadsheetReach(EXCEL, 0.5)).toBe('UNREACHABLE');
  });
  it('beyond 2^16 nothing is reached: where the iteration stops is up to rounding', () => {
    expect(spreadsheetReach(flows([0, 365], [-1, 70001]), 70000)).toBe('UNREACHABLE');
    // −1 then +60,001 a year later: r = 60,000, below the bound, reached
    expect(spreadsheetReach(flows([0, 365], [-1, 60001]), 60000)).not.toBe('UNREACHABLE');
  });
});
