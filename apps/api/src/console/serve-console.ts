import path from 'node:path';
import express, { NextFunction, Request, Response } from 'express';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { ApiEnvironment } from '@sss/config';

export const CONSOLE_PATH = '/console';

/**
 * Serves the built case console under /console/ on the API's own origin: it calls /v1 without
 * CORS and under the API's security headers. Its policy is tighter than Swagger UI's (no inline
 * script) and lets it reach only the API and the provider's token endpoint. `config.json` tells
 * the console where to sign in; it holds no secret (the console is a public client with PKCE).
 */
export function serveConsole(app: NestExpressApplication, env: ApiEnvironment): void {
  const dir = env.CONSOLE_DIR;
  if (!dir) return;
  const tokenOrigin = new URL(env.CONSOLE_OIDC_TOKEN_URL ?? '').origin;
  const policy = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ${tokenOrigin}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join('; ');
  const config = {
    authorizeUrl: env.CONSOLE_OIDC_AUTHORIZE_URL,
    tokenUrl: env.CONSOLE_OIDC_TOKEN_URL,
    clientId: env.CONSOLE_OIDC_CLIENT_ID,
    temporalUiUrl: env.CONSOLE_TEMPORAL_UI_URL ?? null,
    temporalNamespace: env.TEMPORAL_NAMESPACE,
  };
  const headers = (_req: Request, res: Response, next: NextFunction) => {
    res.setHeader('content-security-policy', policy);
    // The sign-in code comes back in the query: it must not leak to another site.
    res.setHeader('referrer-policy', 'no-referrer');
    next();
  };
  const index = path.join(dir, 'index.html');
  app.use(CONSOLE_PATH, headers);
  app.use(`${CONSOLE_PATH}/config.json`, (_req: Request, res: Response) => {
    res.setHeader('cache-control', 'no-store');
    res.json(config);
  });
  app.use(CONSOLE_PATH, express.static(dir, { index: false, fallthrough: true }));
  // The console's own pages (hash routes) all start from index.html, never cached: a new build
  // is picked up at once; the hashed assets may be.
  app.use(CONSOLE_PATH, (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || (req.path !== '/' && req.path !== '')) return next();
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index);
  });
}
