import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Exemption assessments (尽职免责评估): a case header, its append-only events (each with the whole case
 * as it stood), and the evidence files kept under their SHA-256.
 */
export class ExemptionCases1764316800003 implements MigrationInterface {
  name = 'ExemptionCases1764316800003';

  async up(q: QueryRunner): Promise<void> {
    for (const sql of [
      `CREATE TABLE "exemption_cases" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "fof_id" uuid NOT NULL, "case_no" character varying(64) NOT NULL, "subject_type" character varying(32) NOT NULL, "subject_id" uuid NOT NULL, "trigger" character varying(32) NOT NULL, "case_date" date NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "created_by" uuid, CONSTRAINT "UQ_cba2aa928978fde4ce3198e3d07" UNIQUE ("fof_id", "subject_type", "subject_id", "trigger"), CONSTRAINT "PK_559c2f3704d67e1aadf7fb84143" PRIMARY KEY ("id"))`,
      `CREATE INDEX "IDX_da24bcdd456760f009d8f03c28" ON "exemption_cases"  ("fof_id")`,
      `CREATE UNIQUE INDEX "IDX_c868f654a66edb6b7791c57084" ON "exemption_cases"  ("case_no")`,
      `CREATE TABLE "exemption_case_events" ("id" BIGSERIAL NOT NULL, "case_id" uuid NOT NULL, "seq" integer NOT NULL, "action" character varying(32) NOT NULL, "state_after" character varying(32) NOT NULL, "snapshot" jsonb NOT NULL, "comment" text, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "recorded_by" uuid, CONSTRAINT "UQ_2b4547a6b7d2331a16e1fe8ed60" UNIQUE ("case_id", "seq"), CONSTRAINT "PK_94e896f050938a47504c0b3e9aa" PRIMARY KEY ("id"))`,
      `CREATE TABLE "evidence_files" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "sha256" character(64) NOT NULL, "size" bigint NOT NULL, "mime_type" character varying(100) NOT NULL, "file_name" character varying(255) NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "recorded_by" uuid NOT NULL, CONSTRAINT "PK_f8d1a9a8e0430b749e2f4694460" PRIMARY KEY ("id"))`,
      `CREATE INDEX "IDX_ca803099a723bf1e6155f10d91" ON "evidence_files"  ("case_id")`,
      `ALTER TABLE "exemption_cases" ADD CONSTRAINT "FK_da24bcdd456760f009d8f03c283" FOREIGN KEY ("fof_id") REFERENCES "fofs"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      `ALTER TABLE "exemption_cases" ADD CONSTRAINT "FK_828c62fd51a98a878efdfd8aae6" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      `ALTER TABLE "exemption_case_events" ADD CONSTRAINT "FK_a99657675a579373c1488f330a9" FOREIGN KEY ("case_id") REFERENCES "exemption_cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      `ALTER TABLE "exemption_case_events" ADD CONSTRAINT "FK_8f2e6e4c7ac8161428194961403" FOREIGN KEY ("recorded_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      `ALTER TABLE "evidence_files" ADD CONSTRAINT "FK_ca803099a723bf1e6155f10d912" FOREIGN KEY ("case_id") REFERENCES "exemption_cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      `ALTER TABLE "evidence_files" ADD CONSTRAINT "FK_1dff44096c9461a09197619b615" FOREIGN KEY ("recorded_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
      `CREATE TRIGGER exemption_case_events_append_only BEFORE UPDATE OR DELETE ON "exemption_case_events" FOR EACH ROW EXECUTE FUNCTION refuse_ledger_mutation()`,
      `CREATE TRIGGER exemption_case_events_no_truncate BEFORE TRUNCATE ON "exemption_case_events" FOR EACH STATEMENT EXECUTE FUNCTION refuse_ledger_mutation()`,
      `CREATE TRIGGER evidence_files_append_only BEFORE UPDATE OR DELETE ON "evidence_files" FOR EACH ROW EXECUTE FUNCTION refuse_ledger_mutation()`,
      `CREATE TRIGGER evidence_files_no_truncate BEFORE TRUNCATE ON "evidence_files" FOR EACH STATEMENT EXECUTE FUNCTION refuse_ledger_mutation()`,
    ]) {
      await q.query(sql);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of [
      `DROP TRIGGER exemption_case_events_no_truncate ON "exemption_case_events"`,
      `DROP TRIGGER exemption_case_events_append_only ON "exemption_case_events"`,
      `DROP TRIGGER evidence_files_no_truncate ON "evidence_files"`,
      `DROP TRIGGER evidence_files_append_only ON "evidence_files"`,
      `ALTER TABLE "evidence_files" DROP CONSTRAINT "FK_1dff44096c9461a09197619b615"`,
      `ALTER TABLE "evidence_files" DROP CONSTRAINT "FK_ca803099a723bf1e6155f10d912"`,
      `ALTER TABLE "exemption_case_events" DROP CONSTRAINT "FK_8f2e6e4c7ac8161428194961403"`,
      `ALTER TABLE "exemption_case_events" DROP CONSTRAINT "FK_a99657675a579373c1488f330a9"`,
      `ALTER TABLE "exemption_cases" DROP CONSTRAINT "FK_828c62fd51a98a878efdfd8aae6"`,
      `ALTER TABLE "exemption_cases" DROP CONSTRAINT "FK_da24bcdd456760f009d8f03c283"`,
      `DROP INDEX "public"."IDX_ca803099a723bf1e6155f10d91"`,
      `DROP TABLE "evidence_files"`,
      `DROP TABLE "exemption_case_events"`,
      `DROP INDEX "public"."IDX_c868f654a66edb6b7791c57084"`,
      `DROP INDEX "public"."IDX_da24bcdd456760f009d8f03c28"`,
      `DROP TABLE "exemption_cases"`,
    ]) {
      await q.query(sql);
    }
  }
}
