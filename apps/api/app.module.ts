import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import type { AppConfig } from '../../libs/config/config.js';
import { CoreModule } from '../../libs/application/core.module.js';
import { AuthGuard } from './http/auth.guard.js';
import { DomainErrorFilter } from './http/domain-error.filter.js';
import { IdempotencyInterceptor } from './http/idempotency.interceptor.js';
import { AdminController, AuthController, HealthController } from './controllers/auth-admin.controller.js';
import { DirectInvestmentController, FofController, SubFundController } from './controllers/fund.controller.js';
import { LEDGER_CONTROLLERS } from './controllers/ledger.controller.js';
import { PositionController } from './controllers/position.controller.js';
import { CheckController, PolicyPackController } from './controllers/policy.controller.js';
import { ReviewController } from './controllers/review.controller.js';
import { ExemptionController } from './controllers/exemption.controller.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [CoreModule.forRoot(config, databaseUrl)],
      controllers: [HealthController, AuthController, AdminController, FofController, SubFundController, DirectInvestmentController, ...LEDGER_CONTROLLERS, PositionController, CheckController, PolicyPackController, ReviewController, ExemptionController],
      providers: [
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: DomainErrorFilter },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
    };
  }
}
