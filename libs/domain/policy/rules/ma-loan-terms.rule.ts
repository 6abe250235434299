import { Decimal } from '../../money/decimal.js';
import type { PolicyFacts } from '../facts.js';
import type { CheckResult, PolicyRule, RuleContext } from '../check-result.js';
import type { ResolvedParameters } from '../policy-pack.js';
import {
  applyExceptions,
  decimalParam,
  floorFen,
  judgeShareUpper,
  judgeUpper,
  missingParameter,
  notApplicable,
  pct,
  result,
  warnMarginOf,
  yearsBetween,
  yearsText,
  yuanEn,
  yuanZh,
  type Verdict,
} from '../rule-kit.js';

const RULE_ID = 'ma-loan-terms' as const;
const CLAUSE = '§二(三)11';
const RANK: Record<Verdict, number> = { PASS: 0, WARN: 1, FAIL: 2 };

/**
 * 武政办〔2025〕67号 §二(三)11: an M&A loan for a controlling acquisition covers at most 80% of the deal and
 * runs at most 10 years. One result per loan: the figures shown are those of the worse of the two
 * dimensions (loan-to-deal first on a tie); the explanation states both. A dimension whose parameter is
 * unset is not judged (and said so); both unset → NOT_APPLICABLE.
 */
export function maLoanTerms(facts: PolicyFacts, params: ResolvedParameters, ctx: RuleContext): CheckResult[] {
  const margin = warnMarginOf(params);
  const maxRatio = decimalParam(params, 'maLoan.maxLoanToDealRatio');
  const maxYears = decimalParam(params, 'maLoan.maxTermYears');

  const results = facts.maLoans.map((loan) => {
    const subject = { type: 'MA_LOAN' as const, id: loan.id, label: loan.label };
    const main = maxRatio.ok ? maxRatio : maxYears;
    const base = { ruleId: RULE_ID, ctx, subject, clause: main.p.clause ?? CLAUSE, parameterVersionFrom: main.p.from };
    if (!loan.controlling)
      return notApplicable(base, 'ratio', { zh: '非控股型并购，不适用放宽的并购贷款条件', en: 'Not a controlling acquisition: the relaxed terms do not apply' });
    if (!maxRatio.ok && !maxYears.ok) return missingParameter(base, maxRatio.p, params.date);

    const deal = new Decimal(loan.dealAmount);
    const amount = new Decimal(loan.loanAmount);
    if (deal.isZero()) return notApplicable(base, 'ratio', { zh: '并购交易额为零', en: 'The deal amount is zero' });
    const years = yearsBetween(loan.startDate, loan.maturityDate);

    const ratioPart = maxRatio.ok
      ? (() => {
          const verdict = judgeShareUpper(amount, deal, maxRatio.value, margin);
          const ratio = amount.div(deal);
          return {
            verdict,
            threshold: maxRatio.value,
            actual: ratio,
            headroom: floorFen(maxRatio.value.times(deal).minus(amount)),
            unit: 'ratio' as const,
            headroomUnit: 'yuan' as const,
            p: maxRatio.p,
            zh: `贷款 ${yuanZh(amount)} 占并购交易额 ${yuanZh(deal)} 的 ${pct(ratio)}（上限 ${pct(maxRatio.value)}）`,
            en: `loan ${yuanEn(amount)} is ${pct(ratio)} of the ${yuanEn(deal)} deal (cap ${pct(maxRatio.value)})`,
          };
        })()
      : null;
    const termPart = maxYears.ok
      ? {
          verdict: judgeUpper(years, maxYears.value, margin),
          threshold: maxYears.value,
          actual: years,
          headroom: maxYears.value.minus(years),
          unit: 'years' as const,
          headroomUnit: 'years' as const,
          p: maxYears.p,
          zh: `期限 ${yearsText(years)} 年（${loan.startDate} 至 ${loan.maturityDate}，上限 ${yearsText(maxYears.value)} 年）`,
          en: `term ${yearsText(years)} years (${loan.startDate} to ${loan.maturityDate}, cap ${yearsText(maxYears.value)} years)`,
        }
      : null;
    const parts = [ratioPart, termPart].filter((x) => x !== null);
    const worst = parts.reduce((a, b) => (RANK[b.verdict] > RANK[a.verdict] ? b : a));
    const unjudged = !ratioPart
      ? { zh: `；贷款比例未判断（参数 ${maxRatio.p.key} 无值）`, en: `; loan-to-deal not judged (${maxRatio.p.key} missing)` }
      : !termPart
        ? { zh: `；期限未判断（参数 ${maxYears.p.key} 无值）`, en: `; term not judged (${maxYears.p.key} missing)` }
        : { zh: '', en: '' };
    const head = { FAIL: ['超出并购贷款条件', 'Breaks the M&A loan terms'], WARN: ['接近并购贷款条件上限', 'Close to the M&A loan limits'], PASS: ['符合并购贷款条件', 'Within the M&A loan terms'] }[
      worst.verdict
    ];
    return result(
      { ...base, clause: worst.p.clause ?? CLAUSE, parameterVersionFrom: worst.p.from },
      {
        status: worst.verdict,
        unit: worst.unit,
        threshold: worst.threshold,
        actual: worst.actual,
        headroom: worst.headroom,
        headroomUnit: worst.headroomUnit,
        text: {
          zh: `${head[0]}：${parts.map((x) => x.zh).join('；')}${unjudged.zh}`,
          en: `${head[1]}: ${parts.map((x) => x.en).join('; ')}${unjudged.en}`,
        },
      },
    );
  });
  return applyExceptions(facts.exceptions, ctx.asOf, results);
}

export const maLoanTermsRule: PolicyRule = {
  id: RULE_ID,
  clause: CLAUSE,
  title: { zh: '控股型并购贷款比例与期限', en: 'Controlling-acquisition loan ratio and term' },
  check: maLoanTerms,
};
