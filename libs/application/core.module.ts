import { Global, Module, type DynamicModule, type OnApplicationShutdown, Inject, type Provider } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config.js';
import { createDataSource } from '../persistence/data-source.js';
import { TransactionContext } from '../persistence/transaction-context.js';
import { OrganizationRepository } from '../persistence/repositories/organization.repository.js';
import { FundRepository } from '../persistence/repositories/fund.repository.js';
import { LedgerRepository } from '../persistence/repositories/ledger.repository.js';
import { AuditRepository } from '../persistence/repositories/audit.repository.js';
import { IdempotencyRepository } from '../persistence/repositories/idempotency.repository.js';
import { AuthService } from './auth/auth.service.js';
import { AuditService } from './audit.service.js';
import { FofAccess } from './fof-access.js';
import { LedgerService } from './ledger/ledger.service.js';
import { FundService } from './ledger/fund.service.js';
import { AdminService } from './admin/admin.service.js';
import type { WriteGuard } from './ledger/write-guard.js';
import { PolicyPackRepository } from '../persistence/repositories/policy-pack.repository.js';
import { LedgerReader } from './review/ledger-reader.js';
import { PositionSeriesRepository } from '../persistence/repositories/position-series.repository.js';
import { PolicyPackService } from './policy/policy-pack.service.js';
import { PolicyService } from './policy/policy.service.js';
import { StrictModeGuard } from './policy/strict-mode.guard.js';
import { APP_CONFIG, DATA_SOURCE, WRITE_GUARD } from './tokens.js';
import { DemoSeed } from './demo/demo-seed.js';
import { PositionService } from './review/position.service.js';
import { ReviewService } from './review/review.service.js';
import { ExportSlots } from './review/export-slots.js';
import { ExemptionService } from './exemption/exemption.service.js';
import { ExemptionRepository } from '../persistence/repositories/exemption.repository.js';

/** Plain classes wired by factories: the use cases do not depend on Nest, so the CLI and tests can build them too. */
const factory = <T>(provide: abstract new (...a: never[]) => T, deps: unknown[], make: (...a: never[]) => T): Provider => ({
  provide,
  inject: deps as never[],
  useFactory: make as (...a: unknown[]) => T,
});

@Global()
@Module({})
export class CoreModule implements OnApplicationShutdown {
  constructor(@Inject(DATA_SOURCE) private readonly ds: DataSource) {}

  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    const providers: Provider[] = [
      { provide: APP_CONFIG, useValue: config },
      {
        provide: DATA_SOURCE,
        useFactory: async () => {
          const ds = createDataSource(databaseUrl);
          await ds.initialize();
          return ds;
        },
      },
      factory(TransactionContext, [DATA_SOURCE], (ds: DataSource) => new TransactionContext(ds)),
      factory(ExportSlots, [], () => new ExportSlots(config.exportConcurrency)),
      factory(OrganizationRepository, [TransactionContext], (t: TransactionContext) => new OrganizationRepository(t)),
      factory(FundRepository, [TransactionContext], (t: TransactionContext) => new FundRepository(t)),
      factory(LedgerRepository, [TransactionContext], (t: TransactionContext) => new LedgerRepository(t)),
      factory(AuditRepository, [TransactionContext], (t: TransactionContext) => new AuditRepository(t)),
      factory(IdempotencyRepository, [TransactionContext], (t: TransactionContext) => new IdempotencyRepository(t)),
      factory(PolicyPackRepository, [TransactionContext], (t: TransactionContext) => new PolicyPackRepository(t)),
      factory(PositionSeriesRepository, [TransactionContext], (t: TransactionContext) => new PositionSeriesRepository(t)),
      factory(
        LedgerReader,
        [FundRepository, LedgerRepository, PositionSeriesRepository, TransactionContext],
        (f: FundRepository, l: LedgerRepository, s: PositionSeriesRepository, t: TransactionContext) => new LedgerReader(f, l, s, t),
      ),
      factory(
        PolicyPackService,
        [TransactionContext, PolicyPackRepository, AuditService],
        (t: TransactionContext, r: PolicyPackRepository, a: AuditService) => new PolicyPackService(t, r, a),
      ),
      factory(
        PolicyService,
        [FofAccess, LedgerReader, PolicyPackService],
        (a: FofAccess, r: LedgerReader, p: PolicyPackService) => new PolicyService(a, r, p),
      ),
      {
        provide: WRITE_GUARD,
        inject: [TransactionContext, PolicyService],
        useFactory: (t: TransactionContext, p: PolicyService): WriteGuard => new StrictModeGuard(t, p, config.strictGuardSerialize),
      },
      factory(AuditService, [AuditRepository], (r: AuditRepository) => new AuditService(r)),
      factory(FofAccess, [FundRepository], (r: FundRepository) => new FofAccess(r)),
      factory(AuthService, [OrganizationRepository], (r: OrganizationRepository) => new AuthService(r, config.tokenTtlHours)),
      factory(
        LedgerService,
        [TransactionContext, FofAccess, FundRepository, LedgerRepository, AuditService, WRITE_GUARD],
        (t: TransactionContext, a: FofAccess, f: FundRepository, l: LedgerRepository, au: AuditService, g: WriteGuard) =>
          new LedgerService(t, a, f, l, au, g),
      ),
      factory(
        FundService,
        [TransactionContext, FofAccess, FundRepository, AuditService, WRITE_GUARD],
        (t: TransactionContext, a: FofAccess, f: FundRepository, au: AuditService, g: WriteGuard) => new FundService(t, a, f, au, g),
      ),
      factory(
        AdminService,
        [TransactionContext, OrganizationRepository, AuditRepository, AuditService, FofAccess],
        (t: TransactionContext, o: OrganizationRepository, r: AuditRepository, au: AuditService, a: FofAccess) =>
          new AdminService(t, o, r, au, a),
      ),
      factory(
        PositionService,
        [FofAccess, LedgerReader],
        (a: FofAccess, r: LedgerReader) => new PositionService(a, r),
      ),
      factory(ExemptionRepository, [TransactionContext], (t: TransactionContext) => new ExemptionRepository(t)),
      factory(
        ExemptionService,
        [TransactionContext, FofAccess, LedgerReader, PolicyService, PolicyPackService, ExemptionRepository, AuditService],
        (t: TransactionContext, a: FofAccess, r: LedgerReader, p: PolicyService, pp: PolicyPackService, e: ExemptionRepository, au: AuditService) =>
          new ExemptionService(t, a, r, p, pp, e, au, config.storageDir),
      ),
      factory(
        ReviewService,
        [TransactionContext, FofAccess, LedgerReader, PolicyService, ExemptionService],
        (t: TransactionContext, a: FofAccess, r: LedgerReader, p: PolicyService, e: ExemptionService) => new ReviewService(t, a, r, p, e),
      ),
      factory(
        DemoSeed,
        [TransactionContext, OrganizationRepository, AdminService, FundService, LedgerService, ExemptionService],
        (t: TransactionContext, o: OrganizationRepository, a: AdminService, f: FundService, l: LedgerService, e: ExemptionService) => new DemoSeed(t, o, a, f, l, e),
      ),
    ];
    return { module: CoreModule, providers, exports: providers.map((p) => (typeof p === 'function' ? p : p.provide)) };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.ds.isInitialized) await this.ds.destroy();
  }
}
