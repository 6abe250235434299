import { InitLedger1764316800000 } from './1764316800000-init-ledger.js';
import { LedgerAppendOnly1764316800001 } from './1764316800001-ledger-append-only.js';
import { PolicyPacksAndMaLoans1764316800002 } from './1764316800002-policy-packs-and-ma-loans.js';
import { ExemptionCases1764316800003 } from './1764316800003-exemption-cases.js';
import { SubFundProjectCaps1764316800004 } from './1764316800004-sub-fund-project-caps.js';
import { PartialPositionIndexes1764316800005 } from './1764316800005-partial-position-indexes.js';
import { PositionSeriesReadModel1764316800006 } from './1764316800006-position-series-read-model.js';
import { BatchedLedgerInserts1764316800007 } from './1764316800007-batched-ledger-inserts.js';

/** Migrations in the order they apply. A merged migration is never edited: add a new one. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const MIGRATIONS: Function[] = [InitLedger1764316800000, LedgerAppendOnly1764316800001, PolicyPacksAndMaLoans1764316800002, ExemptionCases1764316800003, SubFundProjectCaps1764316800004, PartialPositionIndexes1764316800005, PositionSeriesReadModel1764316800006, BatchedLedgerInserts1764316800007];
