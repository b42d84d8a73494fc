import { ArgumentsHost, Catch, HttpException, ServiceUnavailableException } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Response } from 'express';
import { RETRY_AFTER_SECONDS, unavailableStore } from './outage';

/**
 * Errors raised before Nest's own handling (the body parser's "too large" or "malformed JSON")
 * carry a 4xx status meant for the client; answer them as such instead of as a logged 500. A
 * store that is down (PostgreSQL, Temporal) is a 503 with Retry-After: the request was fine and
 * is worth sending again. All else keeps Nest's behaviour: HTTP errors as they are, anything
 * unexpected as a bare 500.
 */
@Catch()
export class HttpErrorFilter extends BaseExceptionFilter {
  override catch(error: unknown, host: ArgumentsHost): void {
    const status = (error as { status?: unknown; expose?: unknown }).status;
    if (
      !(error instanceof HttpException) &&
      typeof status === 'number' &&
      status >= 400 &&
      status < 500 &&
      (error as { expose?: unknown }).expose === true
    ) {
      return super.catch(new HttpException((error as Error).message, status), host);
    }
    const store = error instanceof HttpException ? undefined : unavailableStore(error);
    if (store) {
      host.switchToHttp().getResponse<Response>().setHeader('Retry-After', RETRY_AFTER_SECONDS);
      return super.catch(
        new ServiceUnavailableException(`${store} is unavailable; retry in a few seconds`),
        host,
      );
    }
    return super.catch(error, host);
  }
}
