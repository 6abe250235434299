import { DomainError } from '../errors/domain-error.js';
import { Decimal } from '../money/decimal.js';
import { isBusinessDate } from '../money/business-date.js';
import { isMoneyText, isRatioText } from '../money/money.js';
import { PARAMETER_CATALOG, type CatalogEntry } from './parameter-catalog.js';
import type { ParameterUnit, ParameterVersion, PolicyPack } from './policy-pack.js';

export interface PackValidationIssue {
  path: string;
  message: string;
}

const PACK_KEYS = ['id', 'jurisdiction', 'instrument', 'title', 'effectiveFrom', 'effectiveTo', 'parameters', 'exemption', 'notes'];
const DEF_KEYS = ['unit', 'description', 'versions'];
const VERSION_KEYS = ['from', 'to', 'value', 'clause', 'note'];
const ITEM_KEYS = ['code', 'zh', 'en', 'source'];
const EXEMPTION_LISTS = ['checklist', 'negativeList', 'objectiveCauses'] as const;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.trim().length > 0;
const keyPath = (parent: string, key: string) => `${parent}[${JSON.stringify(key)}]`;

/**
 * Checks an uploaded pack and returns it typed, or throws DomainError('VALIDATION') listing every
 * bad path (e.g. `parameters["govShareCap.maxRatio"].versions[0].value: not a ratio`).
 */
export function validatePack(json: unknown): PolicyPack {
  const issues: PackValidationIssue[] = [];
  const bad = (path: string, message: string) => issues.push({ path, message });

  if (!isObj(json)) {
    bad('$', 'a policy pack must be a JSON object');
    throw packError(issues);
  }
  unknownKeys(json, PACK_KEYS, '$', bad);
  if (typeof json.id !== 'string' || !/^[a-z0-9][a-z0-9-]{0,63}$/.test(json.id)) bad('id', 'lower-case letters, digits and dashes, e.g. "wuhan-2025"');
  if (typeof json.jurisdiction !== 'string' || !/^[A-Z][A-Z0-9_]{0,63}$/.test(json.jurisdiction))
    bad('jurisdiction', 'upper-case code, e.g. "WUHAN"');
  if (!nonEmpty(json.instrument)) bad('instrument', 'the instrument number is required, e.g. "武政办〔2025〕67号"');
  if (!nonEmpty(json.title)) bad('title', 'required');
  if (!isBusinessDate(json.effectiveFrom)) bad('effectiveFrom', 'a YYYY-MM-DD date is required');
  if (json.effectiveTo !== null && !isBusinessDate(json.effectiveTo)) bad('effectiveTo', 'a YYYY-MM-DD date or null');
  else if (isBusinessDate(json.effectiveTo) && isBusinessDate(json.effectiveFrom) && json.effectiveTo < json.effectiveFrom)
    bad('effectiveTo', 'before effectiveFrom');
  if (json.notes !== undefined && !(Array.isArray(json.notes) && json.notes.every((n) => typeof n === 'string')))
    bad('notes', 'a list of strings');

  if (!isObj(json.parameters)) bad('parameters', 'an object of parameter definitions is required');
  else for (const [key, def] of Object.entries(json.parameters)) checkParameter(key, def, keyPath('parameters', key), bad);

  if (json.exemption !== undefined) checkExemption(json.exemption, bad);

  if (issues.length > 0) throw packError(issues);
  return json as unknown as PolicyPack;
}

function packError(issues: PackValidationIssue[]): DomainError {
  const first = issues[0]!;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return new DomainError('VALIDATION', `invalid policy pack: ${first.path}: ${first.message}${more}`, { issues });
}

function unknownKeys(o: Obj, allowed: readonly string[], path: string, bad: (p: string, m: string) => void): void {
  for (const k of Object.keys(o)) if (!allowed.includes(k)) bad(path === '$' ? k : `${path}.${k}`, 'unknown field');
}

function checkParameter(key: string, def: unknown, path: string, bad: (p: string, m: string) => void): void {
  const entry = PARAMETER_CATALOG[key];
  if (!entry) {
    bad(path, 'unknown parameter (see the parameter catalog)');
    return;
  }
  if (!isObj(def)) {
    bad(path, 'a parameter definition object is required');
    return;
  }
  unknownKeys(def, DEF_KEYS, path, bad);
  if (def.unit !== entry.unit) bad(`${path}.unit`, `must be "${entry.unit}"`);
  if (!nonEmpty(def.description)) bad(`${path}.description`, 'required');
  if (!Array.isArray(def.versions) || def.versions.length === 0) {
    bad(`${path}.versions`, 'at least one version is required');
    return;
  }
  let previous: ParameterVersion | null = null;
  def.versions.forEach((v: unknown, i: number) => {
    const vp = `${path}.versions[${i}]`;
    if (!isObj(v)) {
      bad(vp, 'a version object is required');
      return;
    }
    unknownKeys(v, VERSION_KEYS, vp, bad);
    const fromOk = isBusinessDate(v.from);
    if (!fromOk) bad(`${vp}.from`, 'a YYYY-MM-DD date is required');
    if (v.to !== undefined && v.to !== null && !isBusinessDate(v.to)) bad(`${vp}.to`, 'a YYYY-MM-DD date or null');
    else if (fromOk && isBusinessDate(v.to) && v.to < (v.from as string)) bad(`${vp}.to`, 'before from');
    if (!nonEmpty(v.clause)) bad(`${vp}.clause`, 'the clause is required, e.g. "§二(一)1"');
    if (v.note !== undefined && typeof v.note !== 'string') bad(`${vp}.note`, 'a string');
    const valueIssue = checkValue(entry, v.value);
    if (valueIssue) bad(`${vp}.value`, valueIssue);
    if (fromOk && previous) {
      if ((v.from as string) <= previous.from) bad(`${vp}.from`, `versions must be in ascending order of from (previous: ${previous.from})`);
      else if (previous.to != null && previous.to >= (v.from as string)) bad(`${vp}.from`, `overlaps the previous version (to ${previous.to})`);
    }
    if (fromOk) previous = v as unknown as ParameterVersion;
  });
}

/** The issue with a value for its catalog entry, or null when fine. */
export function checkValue(entry: CatalogEntry, value: unknown): string | null {
  if (value === null) return null;
  const unit: ParameterUnit = entry.unit;
  if (unit === 'json') {
    if (!Array.isArray(value) || !value.every((x) => typeof x === 'string')) return 'a list of codes or null';
    const bads = value.filter((x) => entry.values && !entry.values.includes(x));
    if (bads.length > 0) return `unknown code(s) ${bads.join(', ')}; allowed: ${entry.values!.join(', ')}`;
    if (new Set(value).size !== value.length) return 'codes repeat';
    return null;
  }
  if (typeof value !== 'string') return `a string (decimal text or code) or null, not ${typeof value}`;
  if (unit === 'enum') return entry.values!.includes(value) ? null : `one of ${entry.values!.join(', ')}`;
  if (unit === 'yuan') return isMoneyText(value) && !value.startsWith('-') ? null : 'yuan text with at most two decimals, ≥ 0';
  if (!isRatioText(value) || value.startsWith('-')) return `${unit === 'years' ? 'a number of years' : 'a ratio'} as decimal text (at most 6 decimals), ≥ 0`;
  const d = new Decimal(value);
  if (entry.above !== undefined && d.lte(entry.above)) return `must be above ${entry.above}`;
  if (entry.max !== undefined && d.gt(entry.max)) return `must be at most ${entry.max}`;
  return null;
}

function checkExemption(ex: unknown, bad: (p: string, m: string) => void): void {
  if (!isObj(ex)) {
    bad('exemption', 'an object with checklist, negativeList and objectiveCauses');
    return;
  }
  unknownKeys(ex, EXEMPTION_LISTS, 'exemption', bad);
  for (const list of EXEMPTION_LISTS) {
    const items = ex[list];
    const lp = `exemption.${list}`;
    if (!Array.isArray(items)) {
      bad(lp, 'a list is required');
      continue;
    }
    const seen = new Set<string>();
    items.forEach((it: unknown, i: number) => {
      const ip = `${lp}[${i}]`;
      if (!isObj(it)) return bad(ip, 'an item {code, zh, en} is required');
      unknownKeys(it, ITEM_KEYS, ip, bad);
      if (typeof it.code !== 'string' || !/^[A-Z][A-Z0-9_]*$/.test(it.code)) bad(`${ip}.code`, 'an upper-case code');
      else if (seen.has(it.code)) bad(`${ip}.code`, `duplicate code ${it.code}`);
      else seen.add(it.code);
      if (!nonEmpty(it.zh)) bad(`${ip}.zh`, 'required');
      if (!nonEmpty(it.en)) bad(`${ip}.en`, 'required');
      if (it.source !== undefined && typeof it.source !== 'string') bad(`${ip}.source`, 'a string');
    });
  }
}
