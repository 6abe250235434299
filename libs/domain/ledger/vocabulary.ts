/** The product's public vocabulary (domain.md). Each value carries its Chinese and English label. */
function vocab<const T extends Record<string, { zh: string; en: string }>>(labels: T) {
  return { values: Object.keys(labels) as Array<keyof T & string>, labels };
}

export const SUB_FUND_CATEGORY = vocab({
  SEED: { zh: '种子基金', en: 'Seed fund' },
  ANGEL: { zh: '天使基金', en: 'Angel fund' },
  VC: { zh: '创业投资基金', en: 'Venture capital fund' },
  INDUSTRY: { zh: '产业基金', en: 'Industry fund' },
  MA: { zh: '并购基金', en: 'M&A fund' },
  S_FUND: { zh: '私募股权二级市场基金', en: 'Secondary (S) fund' },
  CONCEPT_PROOF: { zh: '概念验证基金', en: 'Proof-of-concept fund' },
  PILOT: { zh: '中试基金', en: 'Pilot-scale fund' },
  TECH_TRANSFER: { zh: '科技成果转化基金', en: 'Technology transfer fund' },
});
export type SubFundCategory = (typeof SUB_FUND_CATEGORY.values)[number];

export const INVESTOR_KIND = vocab({
  FOF: { zh: '政府投资基金', en: 'The FoF (government fund)' },
  INSURER: { zh: '保险机构', en: 'Insurer' },
  AIC: { zh: '金融资产投资公司', en: 'Financial asset investment company (AIC)' },
  BANK_WMP: { zh: '银行理财子公司', en: "Bank's wealth management subsidiary" },
  LISTED_COMPANY: { zh: '上市公司', en: 'Listed company' },
  CHAIN_LEADER: { zh: '链主企业', en: 'Chain-leader company' },
  GOLD_SILVER_SEED: { zh: '金种子/银种子企业', en: 'Gold/silver-seed company' },
  SOE: { zh: '国有企业', en: 'State-owned enterprise' },
  PRIVATE: { zh: '民营资本', en: 'Private investor' },
  OTHER: { zh: '其他', en: 'Other' },
});
export type InvestorKind = (typeof INVESTOR_KIND.values)[number];

export const PROJECT_STAGE = vocab({
  SEED: { zh: '种子期', en: 'Seed stage' },
  STARTUP: { zh: '初创期', en: 'Start-up (angel) stage' },
  GROWTH: { zh: '成长期', en: 'Growth stage' },
  MATURE: { zh: '成熟期', en: 'Mature stage' },
});
export type ProjectStage = (typeof PROJECT_STAGE.values)[number];

export const SUB_FUND_STATUS = vocab({
  INVESTING: { zh: '投资期', en: 'Investing' },
  EXITING: { zh: '退出期', en: 'Exiting' },
  LIQUIDATED: { zh: '已清算', en: 'Liquidated' },
});
export type SubFundStatus = (typeof SUB_FUND_STATUS.values)[number];

export const DIRECT_STATUS = vocab({
  HOLDING: { zh: '持有', en: 'Holding' },
  EXITED: { zh: '已退出', en: 'Exited' },
  WRITTEN_OFF: { zh: '已核销', en: 'Written off' },
});
export type DirectStatus = (typeof DIRECT_STATUS.values)[number];

export const FLOW_TYPE = vocab({
  CONTRIBUTION: { zh: '出资', en: 'Contribution' },
  DISTRIBUTION: { zh: '分配', en: 'Distribution' },
});
export type FlowType = (typeof FLOW_TYPE.values)[number];

export const DISTRIBUTION_KIND = vocab({
  RETURN_OF_CAPITAL: { zh: '返还本金', en: 'Return of capital' },
  GAIN: { zh: '收益', en: 'Gain' },
  INCOME: { zh: '收入', en: 'Income' },
});
export type DistributionKind = (typeof DISTRIBUTION_KIND.values)[number];

export const ROLE = vocab({
  FUND_MANAGER: { zh: '基金管理人员', en: 'Fund manager' },
  REVIEWER: { zh: '审核人员（财政局）', en: 'Reviewer (finance bureau)' },
  ADMIN: { zh: '系统管理员', en: 'Administrator' },
});
export type Role = (typeof ROLE.values)[number];

export const ORGANIZATION_KIND = vocab({
  INVESTMENT_GROUP: { zh: '国有投资集团', en: 'State investment group' },
  FINANCE_BUREAU: { zh: '财政局', en: 'Finance bureau' },
  PLATFORM: { zh: '平台运营', en: 'Platform operator' },
});
export type OrganizationKind = (typeof ORGANIZATION_KIND.values)[number];

export const AMENDMENT_KIND = vocab({
  TERM_EXTENSION: { zh: '存续期延长', en: 'Term extension' },
  STATUS_CHANGE: { zh: '状态变更', en: 'Status change' },
});
export type AmendmentKind = (typeof AMENDMENT_KIND.values)[number];
