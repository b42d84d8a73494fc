/**
 * A household changes while a case runs (a child is born, a parent moves into care, a son moves
 * out): each member has the period they belong to it, from and to a calendar date (Asia/Tokyo),
 * either end open. An ended member stays, so the case's history keeps who was in the household.
 */
export interface MemberPeriod {
  from: string | null;
  to: string | null;
}

/** Why a member's period is refused, naming the field, or null. Dates are `YYYY-MM-DD`. */
export function memberPeriodProblem(period: MemberPeriod): string | null {
  if (period.from && period.to && period.to < period.from) {
    return 'to: must not be before from';
  }
  return null;
}

/** Whether the member belongs to the household on `day` (`YYYY-MM-DD`). */
export function isMemberOn(period: MemberPeriod, day: string): boolean {
  return (!period.from || period.from <= day) && (!period.to || day <= period.to);
}
