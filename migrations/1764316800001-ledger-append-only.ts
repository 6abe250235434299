import type { MigrationInterface, QueryRunner } from 'typeorm';

const TABLES = [
  'lp_commitments',
  'position_amendments',
  'position_flows',
  'valuations',
  'project_investments',
  'project_exits',
  'secondary_purchases',
  'incentive_proposals',
  'policy_exceptions',
  'audit_log',
];
const REVERSIBLE = TABLES.filter((t) => t !== 'audit_log');

/**
 * The database itself keeps the ledger append-only: UPDATE, DELETE and TRUNCATE raise an error
 * whatever the client. A correction is a reversal row; this trigger also checks that a reversal
 * points at an existing original of the same FoF in the same table, and is not itself reversed (the
 * trigger fires only for reversal rows, so a bulk load of ordinary rows pays nothing for it).
 */
export class LedgerAppendOnly1764316800001 implements MigrationInterface {
  name = 'LedgerAppendOnly1764316800001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION refuse_ledger_mutation() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ledger table % is append-only: % refused; record a reversal instead', TG_TABLE_NAME, TG_OP
          USING ERRCODE = 'P0001', HINT = 'POST a reversal that points at the original row';
      END $$`);
    await q.query(`
      CREATE FUNCTION check_ledger_reversal() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE original_fof uuid; original_reverses uuid;
      BEGIN
        IF NEW.reverses_id IS NULL THEN RETURN NEW; END IF;
        EXECUTE format('SELECT fof_id, reverses_id FROM %I WHERE id = $1', TG_TABLE_NAME)
          INTO original_fof, original_reverses USING NEW.reverses_id;
        IF original_fof IS NULL THEN
          RAISE EXCEPTION 'reversal in % points at % which is not a row of that table', TG_TABLE_NAME, NEW.reverses_id USING ERRCODE = '23503';
        END IF;
        IF original_fof <> NEW.fof_id THEN
          RAISE EXCEPTION 'reversal in % belongs to another FoF than its original', TG_TABLE_NAME USING ERRCODE = '23514';
        END IF;
        IF original_reverses IS NOT NULL THEN
          RAISE EXCEPTION 'a reversal cannot itself be reversed (%)', NEW.reverses_id USING ERRCODE = '23514';
        END IF;
        IF NEW.reason IS NULL OR btrim(NEW.reason) = '' THEN
          RAISE EXCEPTION 'a reversal needs a reason' USING ERRCODE = '23514';
        END IF;
        RETURN NEW;
      END $$`);
    for (const t of TABLES) {
      await q.query(
        `CREATE TRIGGER ${t}_append_only BEFORE UPDATE OR DELETE ON "${t}" FOR EACH ROW EXECUTE FUNCTION refuse_ledger_mutation()`,
      );
      await q.query(
        `CREATE TRIGGER ${t}_no_truncate BEFORE TRUNCATE ON "${t}" FOR EACH STATEMENT EXECUTE FUNCTION refuse_ledger_mutation()`,
      );
    }
    for (const t of REVERSIBLE) {
      await q.query(
        `CREATE TRIGGER ${t}_reversal_check BEFORE INSERT ON "${t}" FOR EACH ROW WHEN (NEW.reverses_id IS NOT NULL) EXECUTE FUNCTION check_ledger_reversal()`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of REVERSIBLE) await q.query(`DROP TRIGGER ${t}_reversal_check ON "${t}"`);
    for (const t of TABLES) {
      await q.query(`DROP TRIGGER ${t}_no_truncate ON "${t}"`);
      await q.query(`DROP TRIGGER ${t}_append_only ON "${t}"`);
    }
    await q.query('DROP FUNCTION check_ledger_reversal()');
    await q.query('DROP FUNCTION refuse_ledger_mutation()');
  }
}
