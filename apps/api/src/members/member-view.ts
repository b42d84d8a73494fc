import type { HouseholdMemberEntity } from '@sss/persistence';
import type { HouseholdMemberView } from './dto/household-member.dto';

/** A member as the case view and the member endpoints show it. */
export function memberView(m: HouseholdMemberEntity): HouseholdMemberView {
  return {
    id: m.id,
    name: m.name,
    relation: m.relation,
    age: m.age,
    isPerson: m.isPerson,
    from: m.from,
    to: m.to,
  };
}
