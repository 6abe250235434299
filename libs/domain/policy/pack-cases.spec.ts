import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { evaluateAll } from './evaluate.js';
import { emptyFacts, type PolicyFacts } from './facts.js';
import type { CheckResult } from './check-result.js';
import type { PolicyPack } from './policy-pack.js';
import { validatePack } from './validate-pack.js';

/**
 * Pack test cases as data (OpenFisca style): policy-packs/tests/*.json. Each file may define ad-hoc packs
 * (test material such as other cities' published values, never shipped) and lists cases: a pack (an
 * ad-hoc one, or a shipped pack by id), a date, facts, and the verdicts expected per rule and subject.
 */

interface ExpectedVerdict {
  ruleId: string;
  subjectId: string;
  period?: string;
  status: string;
  threshold?: string | null;
  actual?: string | null;
  headroom?: string | null;
  missingParameter?: string;
  clause?: string;
  explanationContains?: string;
}

interface PackCase {
  name: string;
  pack: string;
  date: string;
  facts: Partial<PolicyFacts>;
  expected: ExpectedVerdict[];
}

interface CaseFile {
  description: string;
  packs?: Record<string, unknown>;
  cases: PackCase[];
}

const root = join(process.cwd(), 'policy-packs');
const dir = join(root, 'tests');
const files = readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const shipped = new Map<string, PolicyPack>();

function packFor(id: string, local: Record<string, PolicyPack>): PolicyPack {
  if (local[id]) return local[id]!;
  if (!shipped.has(id)) shipped.set(id, validatePack(JSON.parse(readFileSync(join(root, `${id}.json`), 'utf8'))));
  return shipped.get(id)!;
}

function pick(r: CheckResult, e: ExpectedVerdict): Partial<ExpectedVerdict> {
  const out: Partial<ExpectedVerdict> = { status: r.status };
  if ('threshold' in e) out.threshold = r.threshold;
  if ('actual' in e) out.actual = r.actual;
  if ('headroom' in e) out.headroom = r.headroom;
  if ('missingParameter' in e) out.missingParameter = r.missingParameter;
  if ('clause' in e) out.clause = r.clause;
  return out;
}

describe('pack test cases (policy-packs/tests)', () => {
  it('has case files', () => expect(files.length).toBeGreaterThan(0));

  for (const file of files) {
    const data = JSON.parse(readFileSync(join(dir, file), 'utf8')) as CaseFile;
    const local = Object.fromEntries(Object.entries(data.packs ?? {}).map(([id, json]) => [id, validatePack(json)]));
    describe(`${file}: ${data.description}`, () => {
      for (const c of data.cases) {
        it(c.name, () => {
          const f: PolicyFacts = { ...emptyFacts({ id: 'fof', label: '政府投资基金' }), ...c.facts };
          const results = evaluateAll(f, packFor(c.pack, local), c.date);
          for (const e of c.expected) {
            const found = results.filter((r) => r.ruleId === e.ruleId && r.subject.id === e.subjectId && (e.period === undefined || r.subject.period === e.period));
            expect([e.ruleId, e.subjectId, e.period, found.length]).toEqual([e.ruleId, e.subjectId, e.period, 1]);
            const r = found[0]!;
            const { explanationContains, ruleId: _r, subjectId: _s, period: _p, ...want } = e;
            expect(pick(r, e)).toEqual(want);
            if (explanationContains) expect(`${r.explanation.zh} ${r.explanation.en}`).toContain(explanationContains);
          }
        });
      }
    });
  }
});
