import type { ExemptionData } from '../../policy/policy-pack.js';
import type { Actor, ChecklistAnswer, EvidenceRef, ExemptionCase, ExemptionFacts, PresenceAnswer } from '../case.js';
import { conclusionOfCase } from '../conclusion.js';
import { buildFacts } from '../facts.js';
import type { ExemptionReportModel } from '../report-model.js';

/** The exemption lists of policy-packs/wuhan-2025.json (fixtures.spec.ts checks they are the same). */
export const WUHAN_ITEMS: ExemptionData = {
  checklist: [
    { code: 'PROJECT_APPROVAL', zh: '项目立项履行了规定程序', en: 'The project was approved (立项) by the required procedure', source: 'domain.md 尽职免责评估 step 2' },
    { code: 'DUE_DILIGENCE_REPORT', zh: '开展尽职调查并形成尽职调查报告', en: 'Due diligence was done and reported', source: 'domain.md 尽职免责评估 step 2' },
    { code: 'INVESTMENT_DECISION', zh: '投资决策按规定程序作出', en: 'The investment decision was taken by the proper procedure', source: 'domain.md 尽职免责评估 step 2' },
    { code: 'POST_INVESTMENT_MANAGEMENT', zh: '履行了投后管理职责', en: 'Post-investment management duties were performed', source: 'domain.md 尽职免责评估 step 2' },
    { code: 'RISK_HANDLING', zh: '风险发生后及时采取处置措施', en: 'Risks were handled promptly once they arose', source: 'domain.md 尽职免责评估 step 2' },
  ],
  negativeList: [
    { code: 'VIOLATION_OF_LAW', zh: '违反法律法规', en: 'Violation of law or regulation', source: 'domain.md 尽职免责评估 step 3; cf. 国资委令第46号 第三十六条' },
    { code: 'VIOLATION_OF_PROCEDURE', zh: '违反决策程序', en: 'Violation of the decision procedure', source: 'domain.md 尽职免责评估 step 3' },
    { code: 'BENEFIT_TRANSFER', zh: '利益输送', en: 'Benefit transfer', source: 'domain.md 尽职免责评估 step 3' },
    { code: 'FALSIFICATION', zh: '弄虚作假', en: 'Falsification', source: 'domain.md 尽职免责评估 step 3' },
    { code: 'PRIVATE_GAIN', zh: '谋取私利', en: 'Seeking private gain', source: 'domain.md 尽职免责评估 step 3; cf. 国资委令第46号 第三十六条' },
  ],
  objectiveCauses: [
    { code: 'FORCE_MAJEURE', zh: '不可抗力', en: 'Force majeure', source: '武政办〔2025〕67号 §二(一)5: 如因不可抗力等因素造成投资未达预期的，予以免责' },
    { code: 'POLICY_CHANGE', zh: '政策调整', en: 'Policy change', source: 'domain.md 尽职免责评估 step 4 (the text says 不可抗力等因素)' },
    { code: 'TECHNOLOGY_RISK', zh: '技术路线风险', en: 'Technology risk', source: 'domain.md 尽职免责评估 step 4 (the text says 不可抗力等因素)' },
    { code: 'MARKET_RISK', zh: '市场风险', en: 'Market risk', source: 'domain.md 尽职免责评估 step 4 (the text says 不可抗力等因素)' },
  ],
};

export const MANAGER: Actor = { id: 'u-fm-1', name: '张经理', role: 'FUND_MANAGER' };
export const REVIEWER: Actor = { id: 'u-rv-1', name: '李审核', role: 'REVIEWER' };

/** Answers for every Wuhan item: duties performed, negatives absent, causes absent, unless listed. */
export interface AnswerSpec {
  unperformed?: string[];
  unansweredDuties?: string[];
  negatives?: string[];
  unansweredNegatives?: string[];
  causes?: string[];
  unansweredCauses?: string[];
}

export function answers(s: AnswerSpec = {}): Pick<ExemptionCase, 'checklist' | 'negativeList' | 'objectiveCauses'> {
  const presence = (code: string, yes?: string[], unknown?: string[]): PresenceAnswer => ({
    code,
    present: unknown?.includes(code) ? null : (yes?.includes(code) ?? false),
    note: '',
  });
  return {
    checklist: WUHAN_ITEMS.checklist.map(
      (i): ChecklistAnswer => ({ code: i.code, performed: s.unansweredDuties?.includes(i.code) ? null : !s.unperformed?.includes(i.code), note: '', evidence: [] }),
    ),
    negativeList: WUHAN_ITEMS.negativeList.map((i) => presence(i.code, s.negatives, s.unansweredNegatives)),
    objectiveCauses: WUHAN_ITEMS.objectiveCauses.map((i) => presence(i.code, s.causes, s.unansweredCauses)),
  };
}

/**
 * A project a VC fund took over from an angel fund (§二(一)4): 1,000,000.00 invested, judged with the
 * angel fund's 60% tolerance (tolerance amount 600,000.00). remainingValue sets the loss.
 */
export function handoffFacts(remainingValue: string, tolerance: string | null = '0.6', recovered = '0.00'): ExemptionFacts {
  return buildFacts({
    invested: '1000000.00',
    recovered,
    remainingValue,
    tolerance,
    toleranceSource: 'INHERITED_FROM_SOURCE_FUND',
    sourceFund: { id: 'angel-1', label: '光谷天使基金', category: 'ANGEL' },
    ruleId: 'loss-tolerance-angel-fund',
    clause: '§二(一)5',
    packId: 'wuhan-2025',
    packRevision: 3,
  });
}

const evidence = (id: string, title: string, documentNo: string, date: string, fileName: string, sha256: string, size: number, mimeType: string): EvidenceRef => ({
  id,
  title,
  documentNo,
  date,
  fileName,
  sha256,
  size,
  mimeType,
});

export const SHA = {
  approval: 'b9c5a058d4db85df2176c0e5a55f561a65e626178386a3dae7caa79618c864ce',
  ddReport: '12b018d31bdfd40a1b888b068768023ce5f9db05604a8168cf3519bc6fd6ee6a',
  decision: '4ae0c018f626f6be15c9b8ff38e7f27d9ab91a8229bc6275f97bf9fa81a3c098',
  postInvestment: '8b6445b5e21f1472b1e4b4403b0772a9c5cbdf324db228ae9e8e968edd1d2036',
  risk: '3602c6bb209d0412b5b72d22db261ea91dda755c23d6d7d703444c4c5da2bc04',
} as const;

/**
 * A submitted hand-off case: loss 700,000.00 (70%) against the inherited 60% angel tolerance, every duty
 * performed with evidence, market risk present: computed PARTIAL, 600,000.00 exempt, 100,000.00 not.
 */
export function submittedCase(): ExemptionCase {
  const a = answers({ causes: ['MARKET_RISK'] });
  const docs: Record<string, EvidenceRef[]> = {
    PROJECT_APPROVAL: [evidence('ev-1', '立项批复', '光谷创投立〔2025〕3号', '2025-01-10', '立项批复.pdf', SHA.approval, 182_304, 'application/pdf')],
    DUE_DILIGENCE_REPORT: [evidence('ev-2', '尽职调查报告', '', '2025-01-20', 'DD报告.docx', SHA.ddReport, 1_204_551, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')],
    INVESTMENT_DECISION: [
      evidence('ev-3', '投资决策委员会决议（含一名委员保留意见）', '光谷创投决〔2025〕5号', '2025-01-28', '投决会决议.pdf', SHA.decision, 95_112, 'application/pdf'),
      evidence('ev-4', '=HYPERLINK("http://x")', '', '2025-01-28', '=cmd.png', SHA.risk, 2048, 'image/png'),
    ],
    POST_INVESTMENT_MANAGEMENT: [evidence('ev-5', '投后管理季度报告', '', '2025-06-30', '投后报告.xlsx', SHA.postInvestment, 40_960, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')],
  };
  const base = {
    facts: handoffFacts('250000.00', '0.6', '50000.00'),
    checklist: a.checklist.map((c) => ({ ...c, evidence: docs[c.code] ?? [], note: c.code === 'RISK_HANDLING' ? '2025-05 市场下行后即召开风险处置会' : '' })),
    negativeList: a.negativeList,
    objectiveCauses: a.objectiveCauses.map((c) => (c.code === 'MARKET_RISK' ? { ...c, note: '下游需求萎缩' } : c)),
  };
  return {
    id: 'case-1',
    caseNo: 'WH-MJ-2025-001',
    fofId: 'fof-1',
    subject: { type: 'PROJECT_INVESTMENT', id: 'ho-1', label: '乙公司（承接自天使基金）', categoryOrStage: 'STARTUP' },
    trigger: 'LOSS_TOLERANCE_FAIL',
    caseDate: '2025-09-30',
    ...base,
    state: 'SUBMITTED',
    computed: conclusionOfCase(base, WUHAN_ITEMS),
    decision: null,
    trail: [
      { at: '2025-10-08T09:00:00.000Z', actor: MANAGER, action: 'CREATE', from: null, to: 'DRAFT', comment: null },
      { at: '2025-10-09T10:30:00.000Z', actor: MANAGER, action: 'SUBMIT', from: 'DRAFT', to: 'SUBMITTED', comment: '请审核' },
    ],
  };
}

export function reportModel(c: ExemptionCase = submittedCase()): ExemptionReportModel {
  return {
    case: c,
    fof: { code: 'WH-GOV-FOF', name: '武汉市政府投资母基金', jurisdiction: 'WUHAN' },
    policyPack: { id: 'wuhan-2025', instrument: '武政办〔2025〕67号', title: '武汉市推动科技金融高质量发展加快建设全国科技金融中心行动方案（2025—2027年）', revision: 3 },
    items: WUHAN_ITEMS,
    clauses: [
      {
        clause: '§二(一)5',
        ruleId: 'loss-tolerance-angel-fund',
        text: { zh: '允许天使基金出现最高不超过投资总额60%的亏损；如因不可抗力等因素造成投资未达预期的，予以免责', en: 'Angel funds may lose up to 60% of the total invested; losses from force majeure and similar causes are exempt' },
      },
      { clause: '§二(一)4', text: { zh: '承接投资适用种子基金、天使基金容错免责政策', en: 'Hand-offs keep the seed or angel fund tolerance and exemption policy' } },
    ],
    generatedAt: '2025-10-10T08:00:00.000Z',
    generatedBy: '李审核',
  };
}
