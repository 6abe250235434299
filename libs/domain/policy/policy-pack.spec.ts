import { describe, expect, it } from '@jest/globals';
import { ctxOf, facts, one, subFund, testPack } from './testing/policy-fixtures.js';
import { packInForce, parameterOf, resolveParameters, versionInForce, type PolicyPack } from './policy-pack.js';
import { govShareCap } from './rules/gov-share-cap.rule.js';
import { evaluateAll } from './evaluate.js';

/** The Wuhan values with govShareCap.maxRatio at 40% in 2024 and 60% from 2025 (test material, not a shipped pack). */
function twoVersionPack(): PolicyPack {
  const base = testPack({}, '2024-01-01');
  return {
    ...base,
    parameters: {
      ...base.parameters,
      'govShareCap.maxRatio': {
        unit: 'ratio',
        description: 'share cap',
        versions: [
          { from: '2024-01-01', value: '0.4', clause: '§2024' },
          { from: '2025-01-01', value: '0.6', clause: '§2025', note: 'raised' },
        ],
      },
    },
  };
}

describe('policy pack: parameters resolved by date (OpenFisca-style dated versions)', () => {
  const pack = twoVersionPack();
  it('a parameter with a 2024 version at 40% and a 2025 version at 60% resolves by date', () => {
    expect(parameterOf(resolveParameters(pack, '2024-06-30'), 'govShareCap.maxRatio')).toMatchObject({ value: '0.4', clause: '§2024', from: '2024-01-01' });
    expect(parameterOf(resolveParameters(pack, '2024-12-31'), 'govShareCap.maxRatio').value).toBe('0.4');
    expect(parameterOf(resolveParameters(pack, '2025-01-01'), 'govShareCap.maxRatio')).toMatchObject({ value: '0.6', clause: '§2025', from: '2025-01-01', note: 'raised' });
  });
  it('the same 50% share fails in 2024 and passes in 2025, citing the version applied', () => {
    const f = facts({ subFunds: [subFund({ id: 'sf', category: 'ANGEL', fofCommitment: '50.00', lpCommitments: [{ investorKind: 'OTHER', investorName: 'x', amount: '50.00' }] })] });
    const in2024 = one(evaluateAll(f, pack, '2024-12-31', { ruleIds: ['gov-share-cap'] }), 'sf');
    const in2025 = one(evaluateAll(f, pack, '2025-01-01', { ruleIds: ['gov-share-cap'] }), 'sf');
    expect(in2024).toMatchObject({ status: 'FAIL', threshold: '0.400000', clause: '§2024', parameterVersionFrom: '2024-01-01' });
    expect(in2025).toMatchObject({ status: 'PASS', threshold: '0.600000', clause: '§2025', parameterVersionFrom: '2025-01-01' });
  });
  it('before the first version there is no value in force, and the rule says so', () => {
    const early = { ...pack, effectiveFrom: '2023-01-01' };
    const p = resolveParameters(early, '2023-06-30');
    expect(parameterOf(p, 'govShareCap.maxRatio')).toMatchObject({ value: null, unsetReason: 'NO_VERSION_IN_FORCE' });
    const r = one(govShareCap(facts({ subFunds: [subFund({ id: 'sf', category: 'SEED', fofCommitment: '1.00' })] }), p, ctxOf(p)), 'sf');
    expect(r).toMatchObject({ status: 'NOT_APPLICABLE', missingParameter: 'govShareCap.maxRatio' });
    expect(r.explanation.en).toContain('no version in force on 2023-06-30');
  });
  it('a version with its own end date stops applying after it', () => {
    const def = { unit: 'ratio' as const, description: 'd', versions: [{ from: '2024-01-01', to: '2024-12-31', value: '0.4', clause: '§x' }] };
    expect(versionInForce(def, '2024-12-31')?.value).toBe('0.4');
    expect(versionInForce(def, '2025-01-01')).toBeNull();
  });
  it('outside the pack’s effective dates every parameter is unset (PACK_NOT_IN_FORCE)', () => {
    const bounded = { ...pack, effectiveTo: '2025-12-31' };
    expect(packInForce(bounded, '2026-01-01')).toBe(false);
    const p = resolveParameters(bounded, '2026-01-01');
    expect(p.packInForce).toBe(false);
    expect(parameterOf(p, 'warnMargin')).toMatchObject({ value: null, unsetReason: 'PACK_NOT_IN_FORCE' });
  });
  it('a key the pack does not define resolves as NOT_IN_PACK', () => {
    expect(parameterOf(resolveParameters(testPack({ 'guaranteeFee.maxRate': undefined }), '2025-06-30'), 'guaranteeFee.maxRate')).toMatchObject({ value: null, unit: null, unsetReason: 'NOT_IN_PACK' });
  });
  it('an unset version (value null) resolves as UNSET with its clause and note', () => {
    const p = resolveParameters(testPack({ 'maLoan.maxTermYears': null }), '2025-06-30');
    expect(parameterOf(p, 'maLoan.maxTermYears')).toMatchObject({ value: null, unsetReason: 'UNSET', clause: '§二(三)11', from: '2025-01-01' });
  });
});
