import type { MigrationInterface, QueryRunner } from 'typeorm';
import { aggregates, GUARD, MAINTAIN_BODY, REVERSAL_STEP } from './1764316800006-position-series-read-model.js';

const REVERSIBLE = ['lp_commitments', 'position_amendments', 'position_flows', 'valuations', 'project_investments', 'project_exits', 'secondary_purchases', 'incentive_proposals', 'policy_exceptions', 'ma_loans'];

/**
 * Inserts into the ledger in batches (ADR-0007). Two things made a COPY of a million flows slow:
 *
 * 1. The reversal check was a BEFORE INSERT row trigger. PostgreSQL's COPY writes rows one by one,
 *    instead of in batches of up to 1,000, whenever a table has any BEFORE row trigger, even one whose
 *    WHEN clause never holds and even when the session's replication role switches it off: about
 *    0.9 s of 1.9 s per million flows. The check changes nothing in the row, so it runs as an AFTER
 *    row trigger now, with the same WHEN clause and the same errors; the statement still fails whole.
 *    The function already returned NEW, which an AFTER trigger ignores.
 * 2. The read model's trigger sorted a million rows by position to aggregate them (1.5 s, on disk):
 *    the planner cannot estimate the groups of a transition table and chose a sort. It now aggregates
 *    by hash in one pass (0.75 s), new flows and reversals apart, then appends in position order (the
 *    lock order is unchanged) and learns from the same pass whether there are reversals, instead of
 *    scanning the rows again. The function runs with its own settings: work_mem = 64MB, and
 *    enable_sort = off, which makes the planner hash wherever it can (a sort still runs where only a
 *    sort will do: the order of the appended rows, the reversal step's window functions).
 *    Same rows, same order of locks; the reversal step is unchanged.
 */
export class BatchedLedgerInserts1764316800007 implements MigrationInterface {
  name = 'BatchedLedgerInserts1764316800007';

  async up(q: QueryRunner): Promise<void> {
    for (const t of REVERSIBLE) {
      await q.query(`DROP TRIGGER ${t}_reversal_check ON "${t}"`);
      await q.query(
        `CREATE TRIGGER ${t}_reversal_check AFTER INSERT ON "${t}" FOR EACH ROW WHEN (NEW.reverses_id IS NOT NULL) EXECUTE FUNCTION check_ledger_reversal()`,
      );
    }
    await q.query(`
      CREATE OR REPLACE FUNCTION maintain_position_series() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
        SET search_path = pg_catalog, public, pg_temp SET work_mem = '64MB' SET enable_sort = off AS $$
      DECLARE reversals boolean;
      BEGIN${GUARD}
        -- One pass over the statement's rows, by hash: new flows and reversals per position.
        WITH added (position_id, fof_id, reversal, entries, big_days, big_amounts) AS MATERIALIZED (
          SELECT coalesce(n.sub_fund_id, n.direct_investment_id), n.fof_id, n.reverses_id IS NOT NULL, ${aggregates('n')}
            FROM new_flows n
           GROUP BY 1, 2, 3),
        -- Positions in id order: two statements lock the model rows they share in the same order.
        appended AS (
          INSERT INTO public.position_series AS s (position_id, fof_id, entries, big_days, big_amounts)
          SELECT position_id, fof_id, entries, big_days, big_amounts FROM added WHERE NOT reversal ORDER BY position_id
          ON CONFLICT (position_id) DO UPDATE
             SET entries = s.entries || EXCLUDED.entries, big_days = s.big_days || EXCLUDED.big_days, big_amounts = s.big_amounts || EXCLUDED.big_amounts)
        SELECT EXISTS (SELECT 1 FROM added WHERE reversal) INTO reversals;
        IF NOT reversals THEN
          RETURN NULL;
        END IF;
${REVERSAL_STEP}        RETURN NULL;
      END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of REVERSIBLE) {
      await q.query(`DROP TRIGGER ${t}_reversal_check ON "${t}"`);
      await q.query(
        `CREATE TRIGGER ${t}_reversal_check BEFORE INSERT ON "${t}" FOR EACH ROW WHEN (NEW.reverses_id IS NOT NULL) EXECUTE FUNCTION check_ledger_reversal()`,
      );
    }
    // The previous body (sorted aggregation) and settings (default work_mem, sorts allowed).
    await q.query(`CREATE OR REPLACE FUNCTION maintain_position_series() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
${MAINTAIN_BODY} $$`);
  }
}
