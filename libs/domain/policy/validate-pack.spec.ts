import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../errors/domain-error.js';
import { testPack } from './testing/policy-fixtures.js';
import { validatePack, type PackValidationIssue } from './validate-pack.js';

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
type Json = Record<string, unknown>;
const good = (): Json => clone(testPack()) as unknown as Json;
const params = (pack: Json) => pack.parameters as Record<string, Json & { versions: Json[] }>;

function issuesOf(json: unknown): PackValidationIssue[] {
  try {
    validatePack(json);
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe('VALIDATION');
    return ((e as DomainError).details as { issues: PackValidationIssue[] }).issues;
  }
  throw new Error('expected the pack to be rejected');
}

describe('validatePack: an uploaded pack is checked and every bad path named', () => {
  it('accepts a complete pack and returns it typed', () => {
    const pack = validatePack(good());
    expect(pack.id).toBe('test-pack');
    expect(Object.keys(pack.parameters)).toContain('govShareCap.maxRatio');
  });
  it('names the path of a bad ratio value in the message', () => {
    const pack = good();
    params(pack)['govShareCap.maxRatio']!.versions[0]!.value = '50%';
    expect(() => validatePack(pack)).toThrow('invalid policy pack: parameters["govShareCap.maxRatio"].versions[0].value: a ratio as decimal text');
  });
  it('rejects a ratio above 1, a negative yuan amount and a warn margin of 0', () => {
    const pack = good();
    params(pack)['govShareCap.maxRatio']!.versions[0]!.value = '1.5';
    params(pack)['warnMargin']!.versions[0]!.value = '0';
    params(pack)['earlyStageProjectCap.seedMaxYuan']!.versions[0]!.value = '-1.00';
    expect(issuesOf(pack).map((i) => i.path)).toEqual([
      'parameters["warnMargin"].versions[0].value',
      'parameters["govShareCap.maxRatio"].versions[0].value',
      'parameters["earlyStageProjectCap.seedMaxYuan"].versions[0].value',
    ]);
  });
  it('rejects an unknown parameter, a wrong unit, a bad enum code and an unknown list code', () => {
    const pack = good();
    params(pack)['govShareCap.maxRaito'] = { unit: 'ratio', description: 'typo', versions: [{ from: '2025-01-01', value: '0.5', clause: '§x' }] };
    params(pack)['fundTermMax.maxYears']!.unit = 'ratio';
    params(pack)['lossTolerance.seedFund.scope']!.versions[0]!.value = 'WHOLE_FUND';
    params(pack)['govShareCap.categories']!.versions[0]!.value = ['SEED', 'ANGLE'];
    const issues = issuesOf(pack);
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'parameters["govShareCap.maxRaito"]', message: 'unknown parameter (see the parameter catalog)' },
        { path: 'parameters["fundTermMax.maxYears"].unit', message: 'must be "years"' },
        { path: 'parameters["lossTolerance.seedFund.scope"].versions[0].value', message: 'one of PROJECT, SUB_FUND, CATEGORY, FOF' },
        expect.objectContaining({ path: 'parameters["govShareCap.categories"].versions[0].value', message: expect.stringContaining('unknown code(s) ANGLE') }),
      ]),
    );
    expect(() => validatePack(pack)).toThrow(/\(and 3 more\)/);
  });
  it('rejects versions out of order, overlapping, without a clause or with a bad date', () => {
    const pack = good();
    const def = params(pack)['incentiveCap.maxRatio']!;
    def.versions = [
      { from: '2025-01-01', to: '2025-12-31', value: '1', clause: '§a' },
      { from: '2025-06-01', value: '0.5', clause: '' },
      { from: '2024-01-01', value: '0.5', clause: '§c' },
      { from: '2025-02-30', value: '0.5', clause: '§d' },
    ];
    const paths = issuesOf(pack).map((i) => `${i.path}: ${i.message}`);
    expect(paths).toEqual([
      'parameters["incentiveCap.maxRatio"].versions[1].clause: the clause is required, e.g. "§二(一)1"',
      'parameters["incentiveCap.maxRatio"].versions[1].from: overlaps the previous version (to 2025-12-31)',
      'parameters["incentiveCap.maxRatio"].versions[2].from: versions must be in ascending order of from (previous: 2025-06-01)',
      'parameters["incentiveCap.maxRatio"].versions[3].from: a YYYY-MM-DD date is required',
    ]);
  });
  it('checks the pack header', () => {
    const pack = { ...good(), id: 'Wuhan 2025', effectiveFrom: '2025-06-07', effectiveTo: '2025-01-01', instrument: '', extra: 1 };
    expect(issuesOf(pack).map((i) => i.path)).toEqual(['extra', 'id', 'instrument', 'effectiveTo']);
    expect(issuesOf([])).toEqual([{ path: '$', message: 'a policy pack must be a JSON object' }]);
    expect(issuesOf({ ...good(), parameters: [] }).map((i) => i.path)).toEqual(['parameters']);
  });
  it('checks the exemption lists', () => {
    const item = { code: 'FORCE_MAJEURE', zh: '不可抗力', en: 'Force majeure' };
    const pack = { ...good(), exemption: { checklist: [item, item], negativeList: [{ code: 'bad code', zh: '', en: 'x' }] } };
    expect(issuesOf(pack).map((i) => i.path)).toEqual([
      'exemption.checklist[1].code',
      'exemption.negativeList[0].code',
      'exemption.negativeList[0].zh',
      'exemption.objectiveCauses',
    ]);
  });
});
