import type { BusinessDate } from '../money/business-date.js';

/**
 * A policy pack: one jurisdiction's instrument, with dated parameters that carry their legal clause
 * (OpenFisca-style). Rules read parameter values from the pack in force on a date, never from constants.
 */

export type ParameterUnit = 'ratio' | 'years' | 'yuan' | 'enum' | 'json';

/**
 * ratio / years / yuan: decimal text ("0.5", "15", "10000000.00"); enum: one code;
 * json: a list of codes (e.g. categories). null = unset: the text gives no number.
 */
export type ParameterValue = string | readonly string[] | null;

export interface ParameterVersion {
  from: BusinessDate;
  /** Last day in force (inclusive); absent or null = until the next version or the end of the pack. */
  to?: BusinessDate | null;
  value: ParameterValue;
  /** Clause of the instrument, e.g. "§二(一)1". */
  clause: string;
  note?: string;
}

export interface ParameterDef {
  unit: ParameterUnit;
  description: string;
  /** Ascending by from, not overlapping. */
  versions: readonly ParameterVersion[];
}

export interface ExemptionItem {
  code: string;
  zh: string;
  en: string;
  /** Where the item comes from (a clause, a national rule). */
  source?: string;
}

/** Data for the exemption assessment (尽职免责评估): due-diligence checklist, negative list, objective causes. */
export interface ExemptionData {
  checklist: readonly ExemptionItem[];
  negativeList: readonly ExemptionItem[];
  objectiveCauses: readonly ExemptionItem[];
}

export interface PolicyPack {
  /** e.g. 'wuhan-2025' */
  id: string;
  /** e.g. 'WUHAN' */
  jurisdiction: string;
  /** e.g. '武政办〔2025〕67号' */
  instrument: string;
  title: string;
  effectiveFrom: BusinessDate;
  effectiveTo: BusinessDate | null;
  parameters: Readonly<Record<string, ParameterDef>>;
  exemption?: ExemptionData;
  /** Free notes, e.g. where the pack reads the text differently from a summary. */
  notes?: readonly string[];
}

/** Why a resolved parameter has no value. */
export type UnsetReason =
  | 'UNSET' // the version in force says null: the text gives no number
  | 'NO_VERSION_IN_FORCE' // no version covers the date
  | 'PACK_NOT_IN_FORCE' // the date is outside the pack's effective dates
  | 'NOT_IN_PACK'; // the pack does not define the parameter

export interface ResolvedParameter {
  key: string;
  unit: ParameterUnit | null;
  value: ParameterValue;
  clause: string | null;
  /** from of the version in force (for grandfathering and audit). */
  from: BusinessDate | null;
  note?: string;
  unsetReason?: UnsetReason;
}

export interface ResolvedParameters {
  packId: string;
  jurisdiction: string;
  instrument: string;
  date: BusinessDate;
  packInForce: boolean;
  values: Readonly<Record<string, ResolvedParameter>>;
}

export function packInForce(pack: PolicyPack, date: BusinessDate): boolean {
  return pack.effectiveFrom <= date && (pack.effectiveTo === null || date <= pack.effectiveTo);
}

/** The version in force on date: the latest one starting on or before it, unless its own `to` has passed. */
export function versionInForce(def: ParameterDef, date: BusinessDate): ParameterVersion | null {
  let found: ParameterVersion | null = null;
  for (const v of def.versions) {
    if (v.from <= date && (found === null || v.from > found.from)) found = v;
  }
  if (found && found.to != null && date > found.to) return null;
  return found;
}

/** The parameter values in force on date, each with its clause and version start; unset ones are null. */
export function resolveParameters(pack: PolicyPack, date: BusinessDate): ResolvedParameters {
  const inForce = packInForce(pack, date);
  const values: Record<string, ResolvedParameter> = {};
  for (const [key, def] of Object.entries(pack.parameters)) {
    const base = { key, unit: def.unit };
    if (!inForce) {
      values[key] = { ...base, value: null, clause: null, from: null, unsetReason: 'PACK_NOT_IN_FORCE' };
      continue;
    }
    const v = versionInForce(def, date);
    if (!v) {
      values[key] = { ...base, value: null, clause: null, from: null, unsetReason: 'NO_VERSION_IN_FORCE' };
      continue;
    }
    values[key] = {
      ...base,
      value: v.value,
      clause: v.clause,
      from: v.from,
      ...(v.note !== undefined ? { note: v.note } : {}),
      ...(v.value === null ? { unsetReason: 'UNSET' as const } : {}),
    };
  }
  return { packId: pack.id, jurisdiction: pack.jurisdiction, instrument: pack.instrument, date, packInForce: inForce, values };
}

/** One resolved parameter; a key the pack does not define comes back unset (NOT_IN_PACK). */
export function parameterOf(params: ResolvedParameters, key: string): ResolvedParameter {
  return params.values[key] ?? { key, unit: null, value: null, clause: null, from: null, unsetReason: 'NOT_IN_PACK' };
}
