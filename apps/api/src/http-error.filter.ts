import {
  ArgumentsHost,
  Catch,
  HttpException,
  type HttpServer,
  ServiceUnavailableException,
} from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Response } from 'express';
import { alreadyAudited } from './audit/refusal';
import { AuditService, RefusedRequest } from './audit/audit.service';
import type { AuthenticatedRequest } from './auth/request-context';
import { RETRY_AFTER_SECONDS, unavailableStore } from './outage';

/** A case's path: its id is the first segment after /v1/cases/. */
const CASE_PATH =
  /^\/v1\/cases\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(\/|$|\?)/i;

/**
 * Errors raised before Nest's own handling (the body parser's "too large", "malformed JSON" or
 * "nested too deep") carry a 4xx status meant for the client; answer them as such instead of as
 * a logged 500. All else keeps Nest's behaviour: HTTP errors as they are, anything unexpected as
 * a bare 500. A store that is down (PostgreSQL, Temporal) is a 503 with Retry-After: the request
 * was fine and is worth sending again. A 400 or 401 leaves an audit row first (the policy's refusals have theirs already):
 * by the caller when there is one, and on case paths also when there is none.
 */
@Catch()
export class HttpErrorFilter extends BaseExceptionFilter {
  constructor(
    adapter: HttpServer,
    private readonly audit: AuditService,
  ) {
    super(adapter);
  }

  override catch(error: unknown, host: ArgumentsHost): void {
    const answer = clientError(error) ?? outage(error, host) ?? error;
    const status = answer instanceof HttpException ? answer.getStatus() : 500;
    const action: RefusedRequest | undefined =
      status === 400 ? 'request.invalid' : status === 401 ? 'request.unauthenticated' : undefined;
    const req = host.switchToHttp().getRequest<AuthenticatedRequest>();
    const caseId = CASE_PATH.exec(req.originalUrl ?? '')?.[1];
    if (
      !action ||
      alreadyAudited(answer) ||
      !(req.actor || caseId) ||
      !req.originalUrl?.startsWith('/v1/')
    ) {
      return super.catch(answer, host);
    }
    this.audit
      .recordRefused(action, { actor: req.actor, requestId: String(req.id) }, caseId)
      .catch(() => undefined) // the refusal is answered even when it cannot be recorded
      .finally(() => super.catch(answer, host));
  }
}

function outage(error: unknown, host: ArgumentsHost): HttpException | undefined {
  const store = error instanceof HttpException ? undefined : unavailableStore(error);
  if (!store) return undefined;
  host.switchToHttp().getResponse<Response>().setHeader('Retry-After', RETRY_AFTER_SECONDS);
  return new ServiceUnavailableException(`${store} is unavailable; retry in a few seconds`);
}

function clientError(error: unknown): HttpException | undefined {
  const status = (error as { status?: unknown }).status;
  if (
    !(error instanceof HttpException) &&
    typeof status === 'number' &&
    status >= 400 &&
    status < 500 &&
    (error as { expose?: unknown }).expose === true
  ) {
    return new HttpException((error as Error).message, status);
  }
  return undefined;
}
