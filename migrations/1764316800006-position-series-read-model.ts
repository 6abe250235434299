import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A read model of the flows in force now: one row per position with its active flows as three arrays
 * (day numbers, amounts, whether each is a contribution), kept by the database itself in the writing
 * transaction. A review as of any date (not "as known at" a past instant) reads a thousand rows
 * instead of aggregating a million flows (ADR-0006). It is derived data, not ledger: it may be updated,
 * and it can always be rebuilt from position_flows (the backfill below is that rebuild).
 *
 * - New flows are appended to their position's arrays, set-wise, once per statement (a COPY of a
 *   million rows fires it once). The row lock of INSERT … ON CONFLICT DO UPDATE orders concurrent
 *   writers of one position; each appends to the other's committed arrays.
 * - A reversal takes one entry equal to its original (same day, amount and kind) out of the arrays:
 *   the arrays are a multiset of the active flows, in no particular order.
 * - The trigger fires ALWAYS, also under session_replication_role = replica (the bulk import), so no
 *   path that inserts flows can leave the model behind.
 * - It runs as the table's owner (SECURITY DEFINER, fixed search_path): a role that may only insert
 *   flows needs no write grant on the model, and cannot write it any other way.
 */
export class PositionSeriesReadModel1764316800006 implements MigrationInterface {
  name = 'PositionSeriesReadModel1764316800006';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "position_series" (
        "position_id" uuid NOT NULL,
        "fof_id" uuid NOT NULL,
        "days" integer[] NOT NULL,
        "amounts" numeric(20,2)[] NOT NULL,
        "contribution" boolean[] NOT NULL,
        CONSTRAINT "PK_position_series" PRIMARY KEY ("position_id"),
        CONSTRAINT "CHK_position_series_lengths" CHECK (cardinality(days) = cardinality(amounts) AND cardinality(days) = cardinality(contribution))
      )`);
    await q.query(`CREATE INDEX "IDX_position_series_fof" ON "position_series" ("fof_id")`);
    await q.query(`
      CREATE FUNCTION maintain_position_series() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
      BEGIN
        INSERT INTO position_series AS s (position_id, fof_id, days, amounts, contribution)
        SELECT coalesce(n.sub_fund_id, n.direct_investment_id), n.fof_id,
               array_agg(n.flow_date - DATE '1970-01-01'), array_agg(n.amount), array_agg(n.flow_type = 'CONTRIBUTION')
          FROM new_flows n
         WHERE n.reverses_id IS NULL
         GROUP BY 1, 2
        ON CONFLICT (position_id) DO UPDATE
           SET days = s.days || EXCLUDED.days, amounts = s.amounts || EXCLUDED.amounts, contribution = s.contribution || EXCLUDED.contribution;

        WITH gone AS (
          SELECT coalesce(o.sub_fund_id, o.direct_investment_id) AS pos, o.flow_date - DATE '1970-01-01' AS d, o.amount AS a,
                 o.flow_type = 'CONTRIBUTION' AS c, count(*) AS n
            FROM new_flows r JOIN position_flows o ON o.id = r.reverses_id
           GROUP BY 1, 2, 3, 4)
        UPDATE position_series s
           SET (days, amounts, contribution) = (
                 SELECT coalesce(array_agg(u.d ORDER BY u.o), '{}'), coalesce(array_agg(u.a ORDER BY u.o), '{}'), coalesce(array_agg(u.c ORDER BY u.o), '{}')
                   FROM (SELECT x.*, row_number() OVER (PARTITION BY x.d, x.a, x.c ORDER BY x.o) AS k
                           FROM unnest(s.days, s.amounts, s.contribution) WITH ORDINALITY AS x(d, a, c, o)) u
                   LEFT JOIN gone g ON g.pos = s.position_id AND g.d = u.d AND g.a = u.a AND g.c = u.c
                  WHERE u.k > coalesce(g.n, 0))
         WHERE s.position_id IN (SELECT pos FROM gone);
        RETURN NULL;
      END $$`);
    await q.query(
      `CREATE TRIGGER position_flows_series AFTER INSERT ON "position_flows" REFERENCING NEW TABLE AS new_flows FOR EACH STATEMENT EXECUTE FUNCTION maintain_position_series()`,
    );
    await q.query(`ALTER TABLE "position_flows" ENABLE ALWAYS TRIGGER position_flows_series`);
    await q.query(`
      INSERT INTO position_series (position_id, fof_id, days, amounts, contribution)
      SELECT coalesce(t.sub_fund_id, t.direct_investment_id), t.fof_id,
             array_agg(t.flow_date - DATE '1970-01-01'), array_agg(t.amount), array_agg(t.flow_type = 'CONTRIBUTION')
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
