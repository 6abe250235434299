import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Policy packs as versioned data (each change a new revision of the whole validated document) and the
 * M&A loan ledger (§二(三)11). Both append-only, with the triggers of LedgerAppendOnly.
 */
export class PolicyPacksAndMaLoans1764316800002 implements MigrationInterface {
  name = 'PolicyPacksAndMaLoans1764316800002';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of [
      `CREATE TABLE "ma_loans" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "fof_id" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "recorded_by" uuid NOT NULL, "reverses_id" uuid, "reason" text, "sub_fund_id" uuid, "borrower" character varying(200) NOT NULL, "target" character varying(200) NOT NULL, "controlling" boolean NOT NULL, "deal_amount" numeric(20,2) NOT NULL, "loan_amount" numeric(20,2) NOT NULL, "start_date" date NOT NULL, "maturity_date" date NOT NULL, CONSTRAINT "CHK_ma_loans_dates" CHECK (maturity_date > start_date), CONSTRAINT "CHK_ma_loans_amounts" CHECK (deal_amount > 0 AND loan_amount > 0), CONSTRAINT "PK_7da098dc166cb8be02c15fd8e2e" PRIMARY KEY ("id"))`,
      `CREATE UNIQUE INDEX "IDX_a275376250b7fad96cd6b4425f" ON "ma_loans"  ("reverses_id") WHERE reverses_id IS NOT NULL`,
      `CREATE INDEX "IDX_f6a450e6a8b97f41b172c96feb" ON "ma_loans"  ("sub_fund_id")`,
      `CREATE TABLE "policy_pack_revisions" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "pack_id" character varying(64) NOT NULL, "jurisdiction" character varying(32) NOT NULL, "revision" integer NOT NULL, "document" jsonb NOT NULL, "change_note" text NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "recorded_by" uuid, CONSTRAINT "UQ_a3bb6a07e184724ccb4b857fa2e" UNIQUE ("pack_id", "revision"), CONSTRAINT "PK_2e1c47548f049cffbb80042c36a" PRIMARY KEY ("id"))`,
      `CREATE INDEX "IDX_39b0b98f5fbe9ec23f4b530d3e" ON "policy_pack_revisions"  ("pack_id")`,
      `CREATE INDEX "IDX_134802210c9bce2a5f3a1acb86" ON "policy_pack_revisions"  ("jurisdiction")`,
      `ALTER TABLE "ma_loans" ADD CONSTRAINT "FK_2d2fdd6cf17c1b91000ffba9c68" FOREIGN KEY ("fof_id") REFERENCES "fofs"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      `ALTER TABLE "ma_loans" ADD CONSTRAINT "FK_55f2c1d6fe33657d7c246df4758" FOREIGN KEY ("recorded_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      `ALTER TABLE "ma_loans" ADD CONSTRAINT "FK_f6a450e6a8b97f41b172c96feb8" FOREIGN KEY ("sub_fund_id") REFERENCES "sub_funds"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      `ALTER TABLE "policy_pack_revisions" ADD CONSTRAINT "FK_dbe507b55dbbbbee94724baeed0" FOREIGN KEY ("recorded_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      `CREATE TRIGGER ma_loans_append_only BEFORE UPDATE OR DELETE ON "ma_loans" FOR EACH ROW EXECUTE FUNCTION refuse_ledger_mutation()`,
      `CREATE TRIGGER ma_loans_no_truncate BEFORE TRUNCATE ON "ma_loans" FOR EACH STATEMENT EXECUTE FUNCTION refuse_ledger_mutation()`,
      `CREATE TRIGGER ma_loans_reversal_check BEFORE INSERT ON "ma_loans" FOR EACH ROW WHEN (NEW.reverses_id IS NOT NULL) EXECUTE FUNCTION check_ledger_reversal()`,
      `CREATE TRIGGER policy_pack_revisions_append_only BEFORE UPDATE OR DELETE ON "policy_pack_revisions" FOR EACH ROW EXECUTE FUNCTION refuse_ledger_mutation()`,
      `CREATE TRIGGER policy_pack_revisions_no_truncate BEFORE TRUNCATE ON "policy_pack_revisions" FOR EACH STATEMENT EXECUTE FUNCTION refuse_ledger_mutation()`,
    ]) {
      await q.query(sql);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of [
      `DROP TRIGGER policy_pack_revisions_no_truncate ON "policy_pack_revisions"`,
      `DROP TRIGGER policy_pack_revisions_append_only ON "policy_pack_revisions"`,
      `DROP TRIGGER ma_loans_reversal_check ON "ma_loans"`,
      `DROP TRIGGER ma_loans_no_truncate ON "ma_loans"`,
      `DROP TRIGGER ma_loans_append_only ON "ma_loans"`,
      `ALTER TABLE "policy_pack_revisions" DROP CONSTRAINT "FK_dbe507b55dbbbbee94724baeed0"`,
      `ALTER TABLE "ma_loans" DROP CONSTRAINT "FK_f6a450e6a8b97f41b172c96feb8"`,
      `ALTER TABLE "ma_loans" DROP CONSTRAINT "FK_55f2c1d6fe33657d7c246df4758"`,
      `ALTER TABLE "ma_loans" DROP CONSTRAINT "FK_2d2fdd6cf17c1b91000ffba9c68"`,
      `DROP INDEX "public"."IDX_134802210c9bce2a5f3a1acb86"`,
      `DROP INDEX "public"."IDX_39b0b98f5fbe9ec23f4b530d3e"`,
      `DROP TABLE "policy_pack_revisions"`,
      `DROP INDEX "public"."IDX_f6a450e6a8b97f41b172c96feb"`,
      `DROP INDEX "public"."IDX_a275376250b7fad96cd6b4425f"`,
      `DROP TABLE "ma_loans"`,
    ]) {
      await q.query(sql);
    }
  }
}
