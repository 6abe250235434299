import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError } from '../errors/domain-error.js';
import { buildFacts, type FactsInput } from './facts.js';
import { WUHAN_ITEMS } from './testing/exemption-fixtures.js';

const input = (f: Partial<FactsInput> = {}): FactsInput => ({
  invested: '1000000.00',
  recovered: '50000.00',
  remainingValue: '250000.00',
  tolerance: '0.6',
  toleranceSource: 'INHERITED_FROM_SOURCE_FUND',
  sourceFund: { id: 'angel-1', label: '光谷天使基金', category: 'ANGEL' },
  ruleId: 'loss-tolerance-angel-fund',
  clause: '§二(一)5',
  packId: 'wuhan-2025',
  packRevision: 3,
  ...f,
});

describe('buildFacts: the case figures, the loss-tolerance arithmetic', () => {
  it('loss = max(0, invested − recovered − remaining), ratio to six places, tolerance as a ratio string', () => {
    expect(buildFacts(input())).toMatchObject({ invested: '1000000.00', loss: '700000.00', lossRatio: '0.700000', tolerance: '0.600000' });
    expect(buildFacts(input({ remainingValue: '2000000.00' }))).toMatchObject({ loss: '0.00', lossRatio: '0.000000' });
    expect(buildFacts(input({ invested: '0.00', recovered: '0.00', remainingValue: '0.00' })).lossRatio).toBeNull();
    expect(buildFacts(input({ invested: '3.00', recovered: '0.00', remainingValue: '1.00' })).lossRatio).toBe('0.666667');
  });
  it('§二(一)4: a hand-off names the seed or angel fund whose tolerance it keeps; a subject with its own tolerance names none', () => {
    expect(buildFacts(input()).sourceFund).toEqual({ id: 'angel-1', label: '光谷天使基金', category: 'ANGEL' });
    expect(() => buildFacts(input({ sourceFund: null }))).toThrow(expect.objectContaining({ details: [{ path: 'facts.sourceFund', reason: 'a hand-off names the seed or angel fund whose tolerance it keeps' }] }));
    expect(() => buildFacts(input({ sourceFund: { id: 'vc-1', label: 'VC', category: 'VC' } }))).toThrow(/keeps the tolerance of a SEED or ANGEL fund/);
    expect(() => buildFacts(input({ toleranceSource: 'OWN' }))).toThrow(/only a hand-off/);
    expect(buildFacts(input({ toleranceSource: 'OWN', sourceFund: null })).toleranceSource).toBe('OWN');
  });
  it('an unset tolerance stays null; bad amounts and ratios are VALIDATION errors naming each field', () => {
    expect(buildFacts(input({ tolerance: null })).tolerance).toBeNull();
    let err: unknown;
    try {
      buildFacts(input({ invested: '-1.00', recovered: '1e3', tolerance: '1.5' }));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).details).toEqual([
      { path: 'facts.invested', reason: 'must be a non-negative yuan amount with at most two decimals' },
      { path: 'facts.recovered', reason: 'must be a non-negative yuan amount with at most two decimals' },
      { path: 'facts.tolerance', reason: 'must be a ratio from 0 to 1, or null when the pack leaves it unset' },
    ]);
  });
});

it('the test fixture lists exactly the exemption items of the shipped Wuhan pack', () => {
  const pack = JSON.parse(readFileSync(join(process.cwd(), 'policy-packs', 'wuhan-2025.json'), 'utf8')) as { exemption: unknown };
  expect(WUHAN_ITEMS).toEqual(pack.exemption);
});
