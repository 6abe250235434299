import { Decimal } from '../../money/decimal.js';
import type { PolicyFacts } from '../facts.js';
import type { CheckResult, PolicyRule, RuleContext } from '../check-result.js';
import type { ResolvedParameters } from '../policy-pack.js';
import { STAGE_ZH, applyExceptions, missingParameter, notApplicable, sumFigures, warnMarginOf } from '../rule-kit.js';
import { judgeLoss, poolDueDiligence, readTolerance, type LossUnit } from './loss-tolerance.js';

const RULE_ID = 'loss-tolerance-direct-project' as const;
const CLAUSE = '§二(一)5';
const PREFIX = 'lossTolerance.directProject';
const STAGES = [
  { stage: 'SEED', ratioKey: 'seedMaxLossRatio', en: 'seed-stage' },
  { stage: 'STARTUP', ratioKey: 'startupMaxLossRatio', en: 'angel-stage' },
] as const;

/**
 * 武政办〔2025〕67号 §二(一)5: according to the due-diligence assessment, a seed-stage or angel-stage direct
 * investment may lose up to 100% of itself (根据尽责评估情况，种子直投、天使直投单个项目最高允许100%亏损).
 * Scope PROJECT judges each investment; CATEGORY pools each stage (Guangzhou Huangpu style: a share of the
 * category's total). Other scopes do not fit direct investments and are reported as not applicable.
 */
export function lossToleranceDirectProject(facts: PolicyFacts, params: ResolvedParameters, ctx: RuleContext): CheckResult[] {
  const margin = warnMarginOf(params);
  const results: CheckResult[] = [];
  for (const { stage, ratioKey, en } of STAGES) {
    const members = facts.directInvestments.filter((d) => d.stage === stage && d.investedOn <= ctx.asOf);
    if (members.length === 0) continue;
    const read = readTolerance(params, PREFIX, ratioKey);
    const subjects = members.map((d) => ({ type: 'DIRECT_INVESTMENT' as const, id: d.id, label: d.label }));
    if (!read.ok) {
      for (const subject of subjects) results.push(missingParameter({ ruleId: RULE_ID, ctx, subject, clause: read.p.clause ?? CLAUSE }, read.p, params.date));
      continue;
    }
    const spec = read.spec;
    const units: LossUnit[] = members.map((d, i) => ({
      subject: subjects[i]!,
      figures: d.figures,
      liquidated: d.exitedOn != null && d.exitedOn <= ctx.asOf,
      dueDiligence: d.dueDiligence ?? null,
    }));
    const total = units.reduce((acc, u) => acc.plus(u.figures.paidIn), new Decimal(0));
    if (spec.scope === 'PROJECT') {
      for (const u of units) results.push(judgeLoss(RULE_ID, ctx, { ...u, categoryTotal: total }, spec, margin));
    } else if (spec.scope === 'CATEGORY') {
      const pooled: LossUnit = {
        subject: { type: 'CATEGORY', id: `DIRECT:${stage}`, label: `${STAGE_ZH[stage]}直投（全部）` },
        figures: sumFigures(units.map((u) => u.figures)),
        liquidated: units.every((u) => u.liquidated),
        dueDiligence: poolDueDiligence(units),
        categoryTotal: total,
      };
      results.push(judgeLoss(RULE_ID, ctx, pooled, spec, margin));
    } else {
      for (const subject of subjects)
        results.push(
          notApplicable({ ruleId: RULE_ID, ctx, subject, clause: spec.clause ?? CLAUSE, parameterVersionFrom: spec.from }, 'ratio', {
            zh: `容忍度层级 ${spec.scope} 不适用于直投项目（应为 PROJECT 或 CATEGORY）`,
            en: `Scope ${spec.scope} does not fit ${en} direct investments (PROJECT or CATEGORY)`,
          }),
        );
    }
  }
  return applyExceptions(facts.exceptions, ctx.asOf, results);
}

export const lossToleranceDirectProjectRule: PolicyRule = {
  id: RULE_ID,
  clause: CLAUSE,
  title: { zh: '种子直投、天使直投单个项目亏损容忍度', en: 'Seed/angel-stage direct investment loss tolerance' },
  check: lossToleranceDirectProject,
};
