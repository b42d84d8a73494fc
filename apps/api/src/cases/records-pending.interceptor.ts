import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { Observable, tap } from 'rxjs';
import type { CaseView } from './dto/case-view.dto';

/**
 * An action taken whose records are still being written answers 202 Accepted instead of 200:
 * the step is done, and what it records follows once the store recovers.
 */
@Injectable()
export class RecordsPendingInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      tap((body) => {
        if ((body as Partial<CaseView> | undefined)?.recordsPending) {
          context.switchToHttp().getResponse<Response>().status(202);
        }
      }),
    );
  }
}
