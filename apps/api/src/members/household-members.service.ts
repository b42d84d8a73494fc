import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { mayEditHousehold, memberPeriodProblem } from '@sss/domain';
import { HouseholdMemberEntity, TimelineEntryEntity } from '@sss/persistence';
import type { RequestContext } from '../auth/request-context';
import { CasesService } from '../cases/cases.service';
import { memberView } from './member-view';
import type {
  AddHouseholdMemberDto,
  ChangeHouseholdMemberDto,
  HouseholdMemberView,
} from './dto/household-member.dto';

const MEMBER_NOT_FOUND = 'household member not found';

/** The household's members over time: added, changed and ended, each in the timeline. */
@Injectable()
export class HouseholdMembersService {
  constructor(
    private readonly cases: CasesService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async add(
    ctx: RequestContext,
    caseId: string,
    dto: AddHouseholdMemberDto,
  ): Promise<HouseholdMemberView> {
    await this.editable(ctx, caseId);
    return this.db.transaction(async (tx) => {
      // The household row is the lock that keeps two additions from taking the same position.
      await tx.query('SELECT 1 FROM "households" WHERE "id" = $1 FOR UPDATE', [caseId]);
      const [{ next }] = await tx.query(
        'SELECT COALESCE(MAX("position"), -1) + 1 AS next FROM "household_members" WHERE "household_id" = $1',
        [caseId],
      );
      const saved = await tx.save(
        tx.create(HouseholdMemberEntity, {
          householdId: caseId,
          position: Number(next),
          name: dto.name,
          relation: dto.relation,
          age: dto.age ?? null,
          isPerson: dto.isPerson ?? false,
          from: dto.from ?? null,
          to: null,
        }),
      );
      await this.timeline(tx, ctx, caseId, 'member.added', saved.id);
      return memberView(saved);
    });
  }

  async change(
    ctx: RequestContext,
    caseId: string,
    memberId: number,
    dto: ChangeHouseholdMemberDto,
    event = 'member.changed',
  ): Promise<HouseholdMemberView> {
    await this.editable(ctx, caseId);
    return this.db.transaction(async (tx) => {
      const member = await tx.findOne(HouseholdMemberEntity, {
        where: { id: String(memberId), householdId: caseId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!member) throw new NotFoundException(MEMBER_NOT_FOUND);
      const changed = { ...member, ...definedOf(dto) };
      const problem = memberPeriodProblem(changed);
      if (problem) throw new BadRequestException([problem]);
      const saved = await tx.save(HouseholdMemberEntity, changed);
      await this.timeline(tx, ctx, caseId, event, saved.id);
      return memberView(saved);
    });
  }

  private editable(ctx: RequestContext, caseId: string) {
    return this.cases.scoped(ctx, caseId, 'case.members.write', (stored) =>
      mayEditHousehold(ctx.actor, stored),
    );
  }

  private async timeline(
    tx: EntityManager,
    ctx: RequestContext,
    caseId: string,
    event: string,
    memberId: string,
  ): Promise<void> {
    await tx.insert(TimelineEntryEntity, {
      caseId,
      stepKey: `member/${randomUUID()}`,
      recordedBy: ctx.actor.id,
      event,
      detail: { memberId } as object,
    });
  }
}

/** The fields the change gives; a null (which the DTO's optional fields let through) changes nothing. */
function definedOf<T extends object>(dto: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(dto).filter(([, v]) => v !== undefined && v !== null),
  ) as Partial<T>;
}
