import { INestApplication, VersioningType } from '@nestjs/common';
import type { CorsOptionsDelegate } from '@nestjs/common/interfaces/external/cors-options.interface';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { ApiEnvironment } from '@sss/config';
import { AuditService } from './audit/audit.service';
import { serveConsole } from './console/serve-console';
import { HttpErrorFilter } from './http-error.filter';
import { declareErrorAnswers } from './openapi-errors';
import { InputValidationPipe } from './validation/input-validation.pipe';
import { refuseDeepJson } from './validation/json-depth';
import { refuseNonJsonBodies } from './validation/json-only';
import { urlHasControlCharacters } from './validation/text';

export const OPENAPI_PATH = 'docs';
/** The endpoints the Temporal Web UI calls from the browser: the only ones with CORS. */
const CODEC_CALLS = /^\/v1\/codec\/(decode|encode)(\?|$)/;
/** Case records are small; anything larger is refused (413) before it is parsed. */
const BODY_LIMIT = '64kb';

/** Everything about the HTTP surface that main.ts and the end-to-end tests must share. */
export function configureApi(app: INestApplication): void {
  const express = app as NestExpressApplication;
  const env = app.get(ApiEnvironment);
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  express.disable('x-powered-by');
  express.useBodyParser('json', { limit: BODY_LIMIT, verify: refuseDeepJson });
  express.useBodyParser('urlencoded', { limit: BODY_LIMIT, extended: false });
  app.use('/v1', refuseNonJsonBodies);
  app.use(
    helmet({
      contentSecurityPolicy: {
        // Swagger UI at /docs needs its inline bootstrap script and styles.
        directives: {
          scriptSrc: ["'self'", "'unsafe-inline'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
        },
      },
    }),
  );
  if (env.TRUST_PROXY) {
    express.set(
      'trust proxy',
      /^\d+$/.test(env.TRUST_PROXY) ? Number(env.TRUST_PROXY) : env.TRUST_PROXY,
    );
  }
  // Only the Temporal Web UI calls from a browser, and only the codec endpoints need it.
  const origins = env.CODEC_CORS_ORIGINS?.split(',') ?? [];
  const codecOnly: CorsOptionsDelegate<{ url?: string }> = (req, callback) =>
    callback(null, {
      origin: CODEC_CALLS.test(req.url ?? '') ? origins : false,
      credentials: true,
      methods: ['POST', 'OPTIONS'],
      allowedHeaders: ['content-type', 'authorization', 'x-namespace'],
    });
  app.enableCors(codecOnly);
  // Every API answer may carry personal data (cases, lists, inbox, audit, statistics, CSV):
  // no browser, proxy or CDN keeps a copy.
  app.use('/v1', (req: Request, res: Response, next: NextFunction) => {
    res.setHeader('cache-control', 'no-store');
    // No path or query parameter takes a control character (a NUL reached SQL as a 500).
    if (urlHasControlCharacters(req.originalUrl)) {
      res.status(400).json({
        statusCode: 400,
        message: 'the URL must not contain control characters',
        error: 'Bad Request',
      });
      return;
    }
    next();
  });
  app.enableVersioning({ type: VersioningType.URI });
  serveConsole(express, env);
  app.useGlobalFilters(new HttpErrorFilter(app.getHttpAdapter(), app.get(AuditService)));
  app.useGlobalPipes(new InputValidationPipe());
  const document = openApiDocument(app);
  SwaggerModule.setup(OPENAPI_PATH, app, document, { jsonDocumentUrl: `${OPENAPI_PATH}/json` });
}

/** The OpenAPI document the API serves at /docs/json (and the console's client is generated from). */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  return declareErrorAnswers(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('Multi-layered support case engine')
        .setDescription(
          'Coordinators refer, drive and read support cases (重層的支援体制整備事業).',
        )
        .setVersion('1')
        .addBearerAuth()
        .build(),
    ),
  );
}
