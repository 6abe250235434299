/** The exemption assessment (尽职免责评估): types, facts, the conclusion table, the workflow, evidence limits, the report model. */
export * from './case.js';
export * from './facts.js';
export * from './conclusion-table.js';
export * from './conclusion.js';
export * from './workflow.js';
export * from './case-actions.js';
export * from './evidence.js';
export * from './report-model.js';
