import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The largest amount whose signed fen fits an int8 (9223372036854775807 fen). */
export const INT8_YUAN = '92233720368547758.07';
export const day = (t: string) => `(${t}.flow_date - DATE '1970-01-01')`;
/** Contributions negative, as the figures count them. */
export const signed = (t: string) => `(CASE WHEN ${t}.flow_type = 'CONTRIBUTION' THEN -${t}.amount ELSE ${t}.amount END)`;
/** One entry: the day (int4) and the signed fen (int8), big-endian, 12 bytes. */
export const entry = (t: string) => `int4send(${day(t)}) || int8send((${signed(t)} * 100)::int8)`;
/** The three model columns aggregated over flows `t` (grouped by the caller). */
export const aggregates = (t: string) => `
  coalesce(string_agg(${entry(t)}, ''::bytea) FILTER (WHERE ${t}.amount <= ${INT8_YUAN}), ''::bytea),
  coalesce(array_agg(${day(t)}) FILTER (WHERE ${t}.amount > ${INT8_YUAN}), '{}'),
  coalesce(array_agg(${signed(t)}) FILTER (WHERE ${t}.amount > ${INT8_YUAN}), '{}')`;

/** The trigger's first lines: it serves position_flows only. */
export const GUARD = `
        -- Only as the statement trigger of position_flows: run as the owner, it must not serve any other table.
        IF TG_RELID <> 'public.position_flows'::regclass OR TG_LEVEL <> 'STATEMENT' OR TG_OP <> 'INSERT' OR TG_WHEN <> 'AFTER' THEN
          RAISE EXCEPTION 'maintain_position_series() keeps position_series for inserts into position_flows only' USING ERRCODE = '42501';
        END IF;
`;

/** The trigger's second step: a reversal takes one equal entry out of its position's row. */
export const REVERSAL_STEP = `        PERFORM 1 FROM public.position_series s
         WHERE s.position_id IN (SELECT coalesce(o.sub_fund_id, o.direct_investment_id) FROM new_flows r JOIN public.position_flows o ON o.id = r.reverses_id)
         ORDER BY s.position_id FOR UPDATE;
        WITH gone AS (
          SELECT coalesce(o.sub_fund_id, o.direct_investment_id) AS pos, o.amount <= ${INT8_YUAN} AS small,
                 CASE WHEN o.amount <= ${INT8_YUAN} THEN ${entry('o')} END AS rec, ${day('o')} AS d, ${signed('o')} AS a, count(*) AS n
            FROM new_flows r JOIN public.position_flows o ON o.id = r.reverses_id
           WHERE r.reverses_id IS NOT NULL
           GROUP BY 1, 2, 3, 4, 5)
        UPDATE public.position_series s
           SET entries = (
                 SELECT coalesce(string_agg(u.rec, ''::bytea ORDER BY u.i), ''::bytea)
                   FROM (SELECT i, substr(s.entries, 12 * i + 1, 12) AS rec,
                                row_number() OVER (PARTITION BY substr(s.entries, 12 * i + 1, 12) ORDER BY i) AS k
                           FROM generate_series(0, length(s.entries) / 12 - 1) AS i) u
                   LEFT JOIN gone g ON g.pos = s.position_id AND g.small AND g.rec = u.rec
                  WHERE u.k > coalesce(g.n, 0)),
               (big_days, big_amounts) = (
                 SELECT coalesce(array_agg(u.d ORDER BY u.o), '{}'), coalesce(array_agg(u.a ORDER BY u.o), '{}')
                   FROM (SELECT x.*, row_number() OVER (PARTITION BY x.d, x.a ORDER BY x.o) AS k
                           FROM unnest(s.big_days, s.big_amounts) WITH ORDINALITY AS x(d, a, o)) u
                   LEFT JOIN gone g ON g.pos = s.position_id AND NOT g.small AND g.d = u.d AND g.a = u.a
                  WHERE u.k > coalesce(g.n, 0))
         WHERE s.position_id IN (SELECT pos FROM gone);
`;

/** The trigger function's body as this migration creates it. */
export const MAINTAIN_BODY = `      BEGIN${GUARD}
        -- Positions in id order: two statements lock the model rows they share in the same order.
        INSERT INTO public.position_series AS s (position_id, fof_id, entries, big_days, big_amounts)
        SELECT coalesce(n.sub_fund_id, n.direct_investment_id), n.fof_id, ${aggregates('n')}
          FROM new_flows n
         WHERE n.reverses_id IS NULL
         GROUP BY 1, 2
         ORDER BY 1
        ON CONFLICT (position_id) DO UPDATE
           SET entries = s.entries || EXCLUDED.entries, big_days = s.big_days || EXCLUDED.big_days, big_amounts = s.big_amounts || EXCLUDED.big_amounts;

        IF NOT EXISTS (SELECT 1 FROM new_flows WHERE reverses_id IS NOT NULL) THEN
          RETURN NULL;
        END IF;
${REVERSAL_STEP}        RETURN NULL;
      END`;

/**
 * A read model of the flows in force now: one row per position with its active flows packed as
 * 12-byte entries (day number as int4, signed fen as int8: contributions negative), kept by the database
 * itself in the writing transaction. A review as of any date (not "as known at" a past instant) reads a
 * thousand rows of bytes instead of aggregating a million flows (ADR-0006): PostgreSQL sends a bytea as
 * it is stored, where an array is sent element by element (250 ms against 20 ms for the bench's FoF).
 * An amount beyond int8 fen (above 92,233,720,368,547,758.07 yuan, which numeric(20,2) allows) goes to
 * the two arrays big_days / big_amounts (signed yuan) instead.
 *
 * It is derived data, not ledger: it may be updated, and it can always be rebuilt from position_flows
 * (the backfill below is that rebuild).
 * - New flows are appended to their position's entries, set-wise, once per statement (a COPY of a
 *   million rows fires it once). The row lock of INSERT … ON CONFLICT DO UPDATE orders concurrent
 *   writers of one position; each appends to the other's committed entries (writes run in READ COMMITTED).
 * - A reversal takes out one entry equal to its original (same day and signed amount): the entries are
 *   a multiset of the active flows, in no particular order.
 * - The trigger fires ALWAYS, also under session_replication_role = replica (the bulk import), so no
 *   path that inserts flows can leave the model behind.
 * - It runs as the table's owner (SECURITY DEFINER, fixed search_path, names qualified): a role that
 *   may only insert flows needs no write grant on the model. EXECUTE is revoked from PUBLIC, so no other
 *   role can attach the function to a table of its own, and the function refuses to run for any table
 *   but position_flows.
 * - Model rows are locked in position order (appends, then reversals), so two statements sharing
 *   positions wait for each other rather than deadlock; a writer holds its positions' rows until it
 *   commits (a bulk import holds all of its own).
 */
export class PositionSeriesReadModel1764316800006 implements MigrationInterface {
  name = 'PositionSeriesReadModel1764316800006';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "position_series" (
        "position_id" uuid NOT NULL,
        "fof_id" uuid NOT NULL,
        "entries" bytea NOT NULL,
        "big_days" integer[] NOT NULL,
        "big_amounts" numeric(20,2)[] NOT NULL,
        CONSTRAINT "PK_position_series" PRIMARY KEY ("position_id"),
        CONSTRAINT "CHK_position_series_entries" CHECK (length(entries) % 12 = 0),
        CONSTRAINT "CHK_position_series_big" CHECK (cardinality(big_days) = cardinality(big_amounts))
      )`);
    // Stored and sent as they are: entries of random amounts hardly compress.
    await q.query(`ALTER TABLE "position_series" ALTER COLUMN "entries" SET STORAGE EXTERNAL`);
    await q.query(`CREATE INDEX "IDX_position_series_fof" ON "position_series" ("fof_id")`);
    await q.query(`
      CREATE FUNCTION maintain_position_series() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
${MAINTAIN_BODY} $$`);
    // A trigger fires whoever inserts; only creating one needs EXECUTE. Nobody but the owner may attach it elsewhere.
    await q.query(`REVOKE EXECUTE ON FUNCTION maintain_position_series() FROM PUBLIC`);
    await q.query(
      `CREATE TRIGGER position_flows_series AFTER INSERT ON "position_flows" REFERENCING NEW TABLE AS new_flows FOR EACH STATEMENT EXECUTE FUNCTION maintain_position_series()`,
    );
    await q.query(`ALTER TABLE "position_flows" ENABLE ALWAYS TRIGGER position_flows_series`);
    await q.query(`
      INSERT INTO position_series (position_id, fof_id, entries, big_days, big_amounts)
      SELECT coalesce(t.sub_fund_id, t.direct_investment_id), t.fof_id, ${aggregates('t')}
        FROM position_flows t
       WHERE t.reverses_id IS NULL AND NOT EXISTS (SELECT 1 FROM position_flows r WHERE r.reverses_id = t.id AND r.reverses_id IS NOT NULL)
       GROUP BY 1, 2`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER position_flows_series ON "position_flows"`);
    await q.query(`DROP FUNCTION maintain_position_series()`);
    await q.query(`DROP TABLE "position_series"`);
  }
}
