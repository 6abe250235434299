import { Decimal } from '../../money/decimal.js';
import { formatYuan } from '../../money/money.js';
import type { PolicyFacts, ProjectStage, StageCaps } from '../facts.js';
import type { Bilingual, CheckResult, CheckSubject, PolicyRule, RuleContext } from '../check-result.js';
import type { ResolvedParameter, ResolvedParameters } from '../policy-pack.js';
import {
  STAGE_ZH,
  applyExceptions,
  decimalParam,
  floorFen,
  judgeUpper,
  pct,
  result,
  warnMarginOf,
  yuanEn,
  yuanZh,
  type ResultBase,
} from '../rule-kit.js';
import { commitmentsOf } from './gov-share-cap.rule.js';

const RULE_ID = 'early-stage-project-cap' as const;
const CLAUSE = '§二(一)1';
const EARLY: readonly ProjectStage[] = ['SEED', 'STARTUP'];
const KEYS: Record<'SEED' | 'STARTUP', { yuan: string; ratio: string }> = {
  SEED: { yuan: 'earlyStageProjectCap.seedMaxYuan', ratio: 'earlyStageProjectCap.seedMaxRatio' },
  STARTUP: { yuan: 'earlyStageProjectCap.startupMaxYuan', ratio: 'earlyStageProjectCap.startupMaxRatio' },
};

const WORDS = { FAIL: ['超过', 'exceeds'], WARN: ['接近', 'is close to'], PASS: ['未超过', 'is within'] } as const;

interface Cap {
  amount: Decimal;
  source: Bilingual;
  clause: string;
  from: string | null;
}

/** Every cap in force for a stage: the fund's own (its documents), the pack's yuan cap, the pack's share of the fund. */
function capsFor(stage: 'SEED' | 'STARTUP', own: StageCaps | null | undefined, fundSize: Decimal | null, params: ResolvedParameters): { caps: Cap[]; yuanP: ResolvedParameter; ratioP: ResolvedParameter } {
  const caps: Cap[] = [];
  const ownCap = own?.[stage];
  if (ownCap != null) caps.push({ amount: new Decimal(ownCap), source: { zh: '基金文件设定', en: "set by the fund's documents" }, clause: CLAUSE, from: null });
  const y = decimalParam(params, KEYS[stage].yuan);
  if (y.ok) caps.push({ amount: y.value, source: { zh: '政策包限额', en: 'pack cap' }, clause: y.p.clause ?? CLAUSE, from: y.p.from });
  const r = decimalParam(params, KEYS[stage].ratio);
  if (r.ok && fundSize !== null)
    caps.push({
      amount: floorFen(r.value.times(fundSize)),
      source: { zh: `基金规模 ${yuanZh(fundSize)} 的 ${pct(r.value)}`, en: `${pct(r.value)} of the fund's ${yuanEn(fundSize)}` },
      clause: r.p.clause ?? CLAUSE,
      from: r.p.from,
    });
  return { caps, yuanP: y.p, ratioP: r.p };
}

/** The caps that bind one fund (or the FoF's direct investments) at one stage: the lowest, or none. */
interface Binding {
  cap: Cap | null;
  yuanP: ResolvedParameter;
  ratioP: ResolvedParameter;
  /** The cap as both explanations print it. */
  capText: string | null;
}

function bindingCap(stage: 'SEED' | 'STARTUP', own: StageCaps | null | undefined, fundSize: Decimal | null, params: ResolvedParameters): Binding {
  const { caps, yuanP, ratioP } = capsFor(stage, own, fundSize, params);
  const cap = caps.length === 0 ? null : caps.reduce((a, b) => (b.amount.lt(a.amount) ? b : a));
  return { cap, yuanP, ratioP, capText: cap && formatYuan(cap.amount) };
}

function judge(base: Omit<ResultBase, 'clause'>, stage: 'SEED' | 'STARTUP', amount: Decimal, binding: Binding, margin: Decimal | null): CheckResult {
  const { cap, yuanP, ratioP } = binding;
  if (cap === null) {
    return result(
      { ...base, clause: yuanP.clause ?? CLAUSE, parameterVersionFrom: yuanP.from },
      {
        status: 'NOT_APPLICABLE',
        unit: 'yuan',
        actual: amount,
        missingParameter: yuanP.key,
        text: {
          zh: `无法判断：${STAGE_ZH[stage]}单个项目投资上限未设定（基金文件未设，政策包参数 ${yuanP.key}、${ratioP.key} 均无值${yuanP.note ? `；${yuanP.note}` : ''}）`,
          en: `Not judged: no ${stage} single-project cap (none in the fund's documents; pack parameters ${yuanP.key} and ${ratioP.key} are missing${yuanP.note ? `; ${yuanP.note}` : ''})`,
        },
      },
    );
  }
  const verdict = judgeUpper(amount, cap.amount, margin);
  const headroom = cap.amount.minus(amount);
  const word = WORDS[verdict];
  const amountText = formatYuan(amount);
  return result(
    { ...base, clause: cap.clause, parameterVersionFrom: cap.from },
    {
      status: verdict,
      unit: 'yuan',
      threshold: cap.amount,
      actual: amount,
      headroom,
      text: {
        zh: `${STAGE_ZH[stage]}单个项目投资 ${amountText} 元 ${word[0]}上限 ${binding.capText} 元（${cap.source.zh}）`,
        en: `${stage} single-project investment CNY ${amountText} ${word[1]} the CNY ${binding.capText} cap (${cap.source.en})`,
      },
    },
  );
}

/**
 * 武政办〔2025〕67号 §二(一)1: single-project caps may differ for seed and angel stage (差异化设置种子期、天使期
 * 单个项目投资额度上限). The cap is the lowest of: the fund's own cap for the stage, the pack's yuan cap, the
 * pack's share of the fund's size. A project's amount is the fund's total in it at that stage (all rounds).
 */
export function earlyStageProjectCap(facts: PolicyFacts, params: ResolvedParameters, ctx: RuleContext): CheckResult[] {
  const results: CheckResult[] = [];
  const funds = new Map(facts.subFunds.map((sf) => [sf.id, sf]));

  const groups = new Map<string, { subject: CheckSubject; stage: 'SEED' | 'STARTUP'; amount: Decimal; fundId: string }>();
  for (const pi of facts.projectInvestments) {
    if (!EARLY.includes(pi.stage) || pi.investedOn > ctx.asOf) continue;
    const stage = pi.stage as 'SEED' | 'STARTUP';
    const id = `${pi.subFundId}:${pi.projectId ?? pi.id}:${stage}`;
    const g = groups.get(id);
    if (g) g.amount = g.amount.plus(pi.amount);
    else {
      const fundLabel = funds.get(pi.subFundId)?.label ?? pi.subFundId;
      const subject = { type: 'PROJECT_INVESTMENT' as const, id, label: `${fundLabel} / ${pi.label}` };
      groups.set(id, { subject, stage, amount: new Decimal(pi.amount), fundId: pi.subFundId });
    }
  }
  // The binding cap depends only on the fund and the stage: worked out once for each, not per project.
  const margin = warnMarginOf(params);
  const bindings = new Map<string, Binding>();
  const binding = (fundId: string, stage: 'SEED' | 'STARTUP'): Binding => {
    const key = `${fundId}:${stage}`;
    let b = bindings.get(key);
    if (!b) {
      const sf = funds.get(fundId);
      bindings.set(key, (b = bindingCap(stage, sf?.projectCaps, sf ? commitmentsOf(sf).total : null, params)));
    }
    return b;
  };
  for (const g of groups.values()) results.push(judge({ ruleId: RULE_ID, ctx, subject: g.subject }, g.stage, g.amount, binding(g.fundId, g.stage), margin));

  const fofSize = facts.fof.size != null ? new Decimal(facts.fof.size) : null;
  const fofBindings = { SEED: bindingCap('SEED', facts.fof.directProjectCaps, fofSize, params), STARTUP: bindingCap('STARTUP', facts.fof.directProjectCaps, fofSize, params) };
  for (const di of facts.directInvestments) {
    if (!EARLY.includes(di.stage) || di.investedOn > ctx.asOf) continue;
    const subject = { type: 'DIRECT_INVESTMENT' as const, id: di.id, label: di.label };
    const stage = di.stage as 'SEED' | 'STARTUP';
    results.push(judge({ ruleId: RULE_ID, ctx, subject }, stage, new Decimal(di.amount), fofBindings[stage], margin));
  }
  return applyExceptions(facts.exceptions, ctx.asOf, results);
}

export const earlyStageProjectCapRule: PolicyRule = {
  id: RULE_ID,
  clause: CLAUSE,
  title: { zh: '种子期、天使期单个项目投资上限', en: 'Single-project cap at seed and angel stage' },
  check: earlyStageProjectCap,
};
