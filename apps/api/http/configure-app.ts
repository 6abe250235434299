import { type INestApplication, ValidationPipe } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AppConfig } from '../../../libs/config/config.js';
import { VALIDATION_OPTIONS } from './body.js';
import { requestLogger } from './request-logger.js';

/** Everything main.ts and the e2e tests share: validation, logging, body limits, OpenAPI. */
export function configureApp(app: INestApplication, config: AppConfig): void {
  const express = app as NestExpressApplication;
  express.useBodyParser('json', { limit: '2mb' });
  express.set('trust proxy', 'loopback');
  app.use(requestLogger(config.logRequests));
  app.useGlobalPipes(new ValidationPipe(VALIDATION_OPTIONS));
  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('政府投资基金 Government investment fund (FoF) API')
      .setDescription(
        'Ledger, policy checks, lifecycle reviews and exemption assessments of a city government investment fund. ' +
          'Money is a decimal string with two decimals ("12345.67"); business dates are YYYY-MM-DD. Log in with POST /auth/login, then send Authorization: Bearer <token>.',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('docs', app, doc, { jsonDocumentUrl: 'docs/json' });
}
