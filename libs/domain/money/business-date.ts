/** Business dates are 'YYYY-MM-DD' strings, never JS Dates at midnight. */
export type BusinessDate = string;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isBusinessDate(v: unknown): v is BusinessDate {
  if (typeof v !== 'string') return false;
  const m = DATE_RE.exec(v);
  if (!m) return false;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1900 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** Whole days from a to b (b − a), calendar arithmetic in UTC. */
export function daysBetween(a: BusinessDate, b: BusinessDate): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

export function yearOf(d: BusinessDate): number {
  return Number(d.slice(0, 4));
}

export function addYears(d: BusinessDate, years: number): BusinessDate {
  const y = yearOf(d) + years;
  const rest = d.slice(4);
  // 29 Feb + n years falls back to 28 Feb in a common year.
  return rest === '-02-29' && !isBusinessDate(`${y}-02-29`) ? `${y}-02-28` : `${y}${rest}`;
}

export function addDays(d: BusinessDate, days: number): BusinessDate {
  return new Date(Date.parse(`${d}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}
