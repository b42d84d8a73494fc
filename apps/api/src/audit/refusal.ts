import {
  ConflictException,
  ForbiddenException,
  HttpException,
  NotFoundException,
} from '@nestjs/common';
import type { Decision } from '@sss/domain';

/** The one answer for a case id that is unknown or another municipality's. */
export const CASE_NOT_FOUND = 'case not found';
/** One answer for a referral whose id is taken, whoever holds it: it says nothing of that case. */
export const REFERRAL_ID_TAKEN = 'this case id cannot be used for a new referral';

/**
 * How a refusal is answered. None says why (the reason is for the audit log): a case the caller
 * may not know of is the 404 of an unknown id, a taken referral id one 409, the rest one 403.
 */
export function refusal(decision: Decision): HttpException {
  const error = decision.unseen
    ? new NotFoundException(CASE_NOT_FOUND)
    : decision.taken
      ? new ConflictException(REFERRAL_ID_TAKEN)
      : new ForbiddenException('not permitted');
  AUDITED.add(error);
  return error;
}

/** Refusals whose audit row the policy check already wrote. */
const AUDITED = new WeakSet<object>();
export const alreadyAudited = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && AUDITED.has(error);
