import { Injectable, NestMiddleware } from '@nestjs/common';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { NextFunction, Request, Response } from 'express';

const tracer = trace.getTracer('sss-api');

/**
 * A server span per request, active while it is handled: the Temporal client's spans (start,
 * update, query) and, through their headers, the worker's become its children. Named by the
 * route pattern once matched, never by the path (it holds case ids). A no-op without tracing.
 */
@Injectable()
export class HttpTracingMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    tracer.startActiveSpan(`HTTP ${req.method}`, { kind: SpanKind.SERVER }, (span) => {
      res.once('finish', () => {
        const route = req.route ? `${req.baseUrl}${String(req.route.path)}` : 'unmatched';
        span.updateName(`${req.method} ${route}`);
        span.setAttribute('http.route', route);
        span.setAttribute('http.response.status_code', res.statusCode);
        if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      });
      next();
    });
  }
}
