import type pg from 'pg';
import { copyRows, type CopyValue, importRows } from '../../libs/persistence/bulk-copy.js';

/** Seeded PRNG (mulberry32): the same seed gives the same portfolio on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const START = Date.parse('2014-01-01T00:00:00Z');
const END = Date.parse('2025-12-31T00:00:00Z');
const isoCache = new Map<number, string>();
const iso = (t: number) => {
  let d = isoCache.get(t);
  if (d === undefined) isoCache.set(t, (d = new Date(t).toISOString().slice(0, 10)));
  return d;
};
/** A uuid drawn from the seeded stream, so reruns produce identical rows. */
function uuidFrom(r: () => number): string {
  const b = Buffer.alloc(16);
  for (let i = 0; i < 16; i++) b[i] = Math.floor(r() * 256);
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
/**
 * A time-ordered uuid (UUIDv7 layout: 48-bit milliseconds, version 7, then seeded random bits) for
 * the big tables: ids that grow with insertion order land at the right edge of the primary key,
 * where a random uuid would touch a random index page per row.
 */
const V7_EPOCH = Date.parse('2026-01-01T00:00:00Z');
const hex = (v: number, digits: number) => v.toString(16).padStart(digits, '0');
function orderedUuidFrom(r: () => number, seq: number): string {
  const ms = hex(V7_EPOCH + seq, 12);
  const a = Math.floor(r() * 0x1000); // 12 random bits after the version
  const b = 0x8000 | Math.floor(r() * 0x4000); // variant 10, 14 random bits
  const s = `${ms.slice(0, 8)}-${ms.slice(8)}-7${hex(a, 3)}-${hex(b, 4)}-${hex(Math.floor(r() * 0x1000000), 6)}${hex(Math.floor(r() * 0x1000000), 6)}`;
  // One flat string, as a parser of an export file would hand over, not a rope of the pieces above:
  // V8 would flatten each rope when the import first reads its characters, inside the load's time.
  return Buffer.from(s, 'latin1').toString('latin1');
}
const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

/** A distribution's kinds, by the drawn index (one array, not one per row). */
const DISTRIBUTION_KINDS = ['RETURN_OF_CAPITAL', 'GAIN', 'INCOME'] as const;

const CATEGORIES: Array<[string, number]> = [
  ['SEED', 150], ['ANGEL', 150], ['VC', 250], ['INDUSTRY', 200], ['MA', 80], ['S_FUND', 50], ['CONCEPT_PROOF', 40], ['PILOT', 40], ['TECH_TRANSFER', 40],
];

export interface GenerateOptions {
  seed: number;
  subFunds: number;
  projectInvestments: number;
  /** Position flows plus valuations. */
  flowsAndValuations: number;
}

export interface GenerateResult {
  fofId: string;
  fofCode: string;
  rows: Record<string, number>;
  /** Seconds spent importing flows and valuations (COPY and the reference checks). */
  flowSeconds: number;
  /** How the flows' references were checked (see importRows). */
  references: 'set-wise' | 'per-row';
  totalSeconds: number;
}

interface Fund {
  id: string;
  category: string;
  open: number;
}

/**
 * A city-scale portfolio, loaded only through COPY: one FoF, its sub-funds of every category with LP
 * commitments, the funds' project investments (some hand-offs), and flows and quarterly valuations over
 * twelve years (2014-2025).
 */
export async function generatePortfolio(client: pg.ClientBase, o: GenerateOptions): Promise<GenerateResult> {
  const r = rng(o.seed);
  const t0 = performance.now();
  const org = uuidFrom(r);
  const user = uuidFrom(r);
  const fofId = uuidFrom(r);
  const fofCode = `BENCH-${o.seed}`;
  await client.query(`INSERT INTO organizations (id, code, name, kind, jurisdiction) VALUES ($1, $2, '基准测试集团', 'INVESTMENT_GROUP', 'WUHAN')`, [org, `BENCH-ORG-${o.seed}`]);
  await client.query(`INSERT INTO users (id, organization_id, username, display_name, role, password_hash) VALUES ($1, $2, $3, 'bench', 'FUND_MANAGER', 'scrypt$disabled')`, [user, org, `bench-${o.seed}`]);
  await client.query(`INSERT INTO fofs (id, organization_id, code, name, jurisdiction, created_by) VALUES ($1, $2, $3, '城市级基准母基金', 'WUHAN', $4)`, [fofId, org, fofCode, user]);
  const rows: Record<string, number> = {};

  const weights = CATEGORIES.reduce((a, [, w]) => a + w, 0);
  const funds: Fund[] = [];
  for (let i = 0; i < o.subFunds; i++) {
    let pick = Math.floor((i * weights) / o.subFunds);
    const category = CATEGORIES.find(([, w]) => (pick -= w) < 0)![0];
    const open = START + Math.floor(r() * ((Date.parse('2020-12-31T00:00:00Z') - START) / DAY)) * DAY;
    funds.push({ id: uuidFrom(r), category, open });
  }
  rows.sub_funds = await copyRows(
    client,
    'sub_funds',
    ['id', 'fof_id', 'code', 'name', 'category', 'manager', 'first_close', 'term_end', 'created_by'],
    funds.map((f, i): CopyValue[] => [f.id, fofId, `SF-${String(i).padStart(4, '0')}`, `子基金${i}`, f.category, `管理人${i % 97}`, iso(f.open), iso(f.open + (10 + Math.floor(r() * 6)) * 365 * DAY), user]),
  );
  rows.lp_commitments = await copyRows(
    client,
    'lp_commitments',
    ['id', 'fof_id', 'recorded_by', 'sub_fund_id', 'investor_name', 'investor_kind', 'amount', 'commit_date'],
    (function* () {
      for (const f of funds) {
        const fof = 1_000_000_000 + Math.floor(r() * 49_000_000_000); // 10M to 500M yuan, in fen
        yield [uuidFrom(r), fofId, user, f.id, '城市级基准母基金', 'FOF', yuan(fof), iso(f.open)];
        yield [uuidFrom(r), fofId, user, f.id, '社会资本', f.category === 'MA' ? 'LISTED_COMPANY' : 'PRIVATE', yuan(fof + Math.floor(r() * fof)), iso(f.open)];
      }
    })(),
  );
  const seedAngel = funds.filter((f) => f.category === 'SEED' || f.category === 'ANGEL');
  rows.project_investments = await copyRows(
    client,
    'project_investments',
    ['id', 'fof_id', 'recorded_by', 'sub_fund_id', 'project_name', 'stage', 'investment_date', 'amount', 'is_handoff', 'handoff_source_sub_fund_id', 'handoff_source_project'],
    (function* () {
      for (let i = 0; i < o.projectInvestments; i++) {
        const f = funds[i % funds.length]!;
        const date = f.open + Math.floor(r() * ((END - f.open) / DAY)) * DAY;
        const handoff = (f.category === 'VC' || f.category === 'INDUSTRY') && r() < 0.05;
        const src = handoff ? seedAngel[Math.floor(r() * seedAngel.length)]! : null;
        const stage = ['SEED', 'STARTUP', 'GROWTH', 'MATURE'][Math.floor(r() * 4)]!;
        yield [uuidFrom(r), fofId, user, f.id, `项目${i}`, stage, iso(date), yuan(100_000_00 + Math.floor(r() * 5_000_000_00)), handoff, src?.id ?? null, src ? `项目${i}` : null];
      }
    })(),
  );

  // Quarterly valuations from the first close, the rest flows.
  const valuationDates = funds.map((f) => {
    const dates: number[] = [];
    for (let q = 1; ; q++) {
      const d = new Date(f.open);
      d.setUTCMonth(d.getUTCMonth() + 3 * q, 1);
      const t = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 0);
      if (t > END) break;
      dates.push(t);
    }
    return dates;
  });
  const nValuations = valuationDates.reduce((a, d) => a + d.length, 0);
  const nFlows = o.flowsAndValuations - nValuations;
  const tf = performance.now();
  let seq = 0;
  const valuationsImport = await importRows(
    client,
    'valuations',
    ['id', 'fof_id', 'recorded_by', 'sub_fund_id', 'valuation_date', 'nav'],
    (function* () {
      for (let i = 0; i < funds.length; i++) {
        for (const t of valuationDates[i]!) yield [orderedUuidFrom(r, seq++), fofId, user, funds[i]!.id, iso(t), yuan(Math.floor(r() * 60_000_000_000))];
      }
    })(),
    { expectedRows: nValuations },
  );
  rows.valuations = valuationsImport.rows;
  const valuationSeconds = (performance.now() - tf) / 1000;
  // The flows in date order, as a ledger's history would be exported: drawn first (the draw itself is
  // not part of the load), then imported.
  const drawn = { fund: new Int32Array(nFlows), day: new Int32Array(nFlows), contribution: new Uint8Array(nFlows), kind: new Uint8Array(nFlows), fen: new Float64Array(nFlows) };
  for (let i = 0; i < nFlows; i++) {
    const f = funds[i % funds.length]!;
    const span = (END - f.open) / DAY;
    const x = r();
    drawn.fund[i] = i % funds.length;
    drawn.day[i] = f.open / DAY + Math.floor(x * span);
    // early in a fund's life mostly calls, later mostly distributions
    drawn.contribution[i] = r() > x * 0.9 ? 1 : 0;
    drawn.kind[i] = drawn.contribution[i] ? 0 : Math.floor(r() * 3);
    drawn.fen[i] = 1_000_000 + Math.floor(r() * 200_000_000);
  }
  const order = Array.from({ length: nFlows }, (_, i) => i).sort((a, b) => drawn.day[a]! - drawn.day[b]! || a - b);
  // Laid out in that order, so the import reads its rows in sequence, as a parser reads a file (read
  // through `order`, every row cost a few cache misses inside the load's time).
  const flows = {
    id: order.map(() => orderedUuidFrom(r, seq++)),
    fund: Int32Array.from(order, (i) => drawn.fund[i]!),
    day: Int32Array.from(order, (i) => drawn.day[i]!),
    contribution: Uint8Array.from(order, (i) => drawn.contribution[i]!),
    kind: Uint8Array.from(order, (i) => drawn.kind[i]!),
    fen: Float64Array.from(order, (i) => drawn.fen[i]!),
  };
  const tf2 = performance.now();
  const flowsImport = await importRows(
    client,
    'position_flows',
    ['id', 'fof_id', 'recorded_by', 'sub_fund_id', 'flow_type', 'distribution_kind', 'flow_date', 'amount'],
    (function* () {
      for (let j = 0; j < nFlows; j++) {
        const contribution = flows.contribution[j] === 1;
        yield [
          flows.id[j]!, fofId, user, funds[flows.fund[j]!]!.id,
          contribution ? 'CONTRIBUTION' : 'DISTRIBUTION',
          contribution ? null : DISTRIBUTION_KINDS[flows.kind[j]!]!,
          iso(flows.day[j]! * DAY),
          yuan(flows.fen[j]!),
        ];
      }
    })(),
    { expectedRows: nFlows },
  );
  rows.position_flows = flowsImport.rows;
  const flowSeconds = valuationSeconds + (performance.now() - tf2) / 1000;
  // What a DBA runs after a bulk load, and what autovacuum and the checkpointer would otherwise do in
  // the middle of the measurements that follow. Not part of the load's time.
  await client.query('VACUUM (ANALYZE)');
  await client.query('CHECKPOINT');
  return { fofId, fofCode, rows, flowSeconds, references: flowsImport.references, totalSeconds: (performance.now() - t0) / 1000 };
}
