import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Single-project caps a sub-fund's documents set for seed- and start-up-stage projects (§二(一)1). */
export class SubFundProjectCaps1764316800004 implements MigrationInterface {
  name = 'SubFundProjectCaps1764316800004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "sub_funds" ADD "seed_project_cap" numeric(20,2)`);
    await q.query(`ALTER TABLE "sub_funds" ADD "startup_project_cap" numeric(20,2)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "sub_funds" DROP COLUMN "startup_project_cap"`);
    await q.query(`ALTER TABLE "sub_funds" DROP COLUMN "seed_project_cap"`);
  }
}
