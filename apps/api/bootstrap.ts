import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig } from '../../libs/config/config.js';
import { AppModule } from './app.module.js';
import { configureApp } from './http/configure-app.js';

/** Builds the HTTP application on a migrated database (main.ts and the e2e tests). */
export async function createApp(config: AppConfig, databaseUrl: string, opts: { logger?: false } = {}): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, databaseUrl), {
    bodyParser: false,
    logger: opts.logger ?? ['error', 'warn'],
  });
  configureApp(app, config);
  return app;
}
