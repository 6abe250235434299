import type { Bilingual, RuleId } from '../policy/check-result.js';
import type { ExemptionData } from '../policy/policy-pack.js';
import type { ExemptionCase } from './case.js';

/**
 * Everything the exemption assessment report (尽职免责评估报告, libs/reporting/exemption-report.ts)
 * prints, read-model style: the reporting layer formats it and computes nothing. The computed
 * conclusion (reasons, amounts), the final decision (decided by, when, override reason) and the
 * approval trail (who, role, when, action, comment) are the case's own: `case.computed`,
 * `case.decision`, `case.trail`.
 */
export interface ExemptionReportModel {
  case: ExemptionCase;
  fof: { code: string; name: string; jurisdiction: string };
  policyPack: { id: string; instrument: string; title: string; revision: number | null };
  /** The pack's checklist, negative list and objective causes: labels and sources of the codes. */
  items: ExemptionData;
  /** The clauses applied, e.g. §二(一)5 (tolerance, exemption) and §二(一)4 (a hand-off keeps its source's tolerance). */
  clauses: AppliedClause[];
  /** ISO 8601 instant. */
  generatedAt: string;
  generatedBy: string;
}

export interface AppliedClause {
  /** e.g. "§二(一)5" */
  clause: string;
  /** What it says, and why it applies to this case. */
  text: Bilingual;
  ruleId?: RuleId | null;
}
