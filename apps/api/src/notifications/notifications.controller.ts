import { Controller, Get, HttpCode, NotFoundException, Param, Post, Query } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { HANDOVER_NOTICE_KINDS, NOTICE_KINDS } from '@sss/domain';
import { IsBoolean, IsOptional } from 'class-validator';
import { Brackets, IsNull, Repository, SelectQueryBuilder } from 'typeorm';
import { NotificationEntity } from '@sss/persistence';
import { AuditService } from '../audit/audit.service';
import { Ctx, RequestContext } from '../auth/request-context';
import { ParseRowIdPipe, RowIdParam } from '../validation/bounds';

export class InboxQuery {
  @ApiPropertyOptional({ description: 'Only those not yet acknowledged' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'unacknowledged must be true or false' })
  unacknowledged?: boolean;
}

export class NotificationView {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: [...NOTICE_KINDS, ...HANDOVER_NOTICE_KINDS] }) kind!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ description: 'The task (or event: the meeting day) the notice is about' })
  elementId!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) taskName!: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description:
      'When the task falls due; for an invitation or event_reminder, when the meeting is',
  })
  dueAt!: Date | null;
  @ApiPropertyOptional({ nullable: true, type: Number }) level!: number | null;
  @ApiProperty({ enum: ['person', 'agency', 'role'] }) recipientKind!: string;
  @ApiProperty() createdAt!: Date;
  @ApiPropertyOptional({ nullable: true, type: String }) acknowledgedAt!: Date | null;
}

/**
 * The in-app inbox: reminders, overdue notices and escalations addressed to the caller, to their
 * agency or to one of their roles in their municipality. They name a case and a task only.
 */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller({ path: 'notifications', version: '1' })
export class NotificationsController {
  constructor(
    private readonly audit: AuditService,
    @InjectRepository(NotificationEntity) private readonly rows: Repository<NotificationEntity>,
  ) {}

  @Get()
  @ApiOperation({ summary: 'My notifications, newest first' })
  @ApiOkResponse({ type: [NotificationView] })
  async list(@Ctx() ctx: RequestContext, @Query() query: InboxQuery): Promise<NotificationView[]> {
    const q = this.mine(ctx).orderBy('n.created_at', 'DESC').limit(200);
    if (query.unacknowledged) q.andWhere('n.acknowledged_at IS NULL');
    const rows = await this.audit.auditedRead(
      ctx,
      'notifications.read',
      { allowed: true, reason: 'own inbox' },
      () => q.getMany(),
    );
    return rows.map(view);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark a notification as seen and dealt with' })
  @ApiOkResponse({ type: NotificationView })
  @RowIdParam('id', 'The notification id (NotificationView.id)')
  async acknowledge(
    @Ctx() ctx: RequestContext,
    @Param('id', ParseRowIdPipe) id: number,
  ): Promise<NotificationView> {
    await this.audit.enforce(ctx, 'notifications.acknowledge', {
      allowed: true,
      reason: 'own inbox',
    });
    const row = await this.mine(ctx).andWhere('n.id = :id', { id }).getOne();
    if (!row) throw new NotFoundException(`notification ${id} not found`);
    await this.rows.update(
      { id: row.id, acknowledgedAt: IsNull() },
      { acknowledgedAt: new Date(), acknowledgedBy: ctx.actor.id },
    );
    return view(await this.rows.findOneByOrFail({ id: row.id }));
  }

  /** The notifications addressed to the caller, their agency or their roles. */
  private mine(ctx: RequestContext): SelectQueryBuilder<NotificationEntity> {
    const { actor } = ctx;
    return this.rows
      .createQueryBuilder('n')
      .where('n.municipality = :municipality', { municipality: actor.municipality })
      .andWhere(
        new Brackets((who) => {
          who.where("(n.recipient_kind = 'person' AND n.recipient = :person)", {
            person: actor.id,
          });
          if (actor.agency) {
            who.orWhere("(n.recipient_kind = 'agency' AND n.recipient = :agency)", {
              agency: actor.agency,
            });
          }
          who.orWhere("(n.recipient_kind = 'role' AND n.recipient IN (:...roles))", {
            roles: actor.roles.length ? actor.roles : ['-'],
          });
        }),
      );
  }
}

function view(n: NotificationEntity): NotificationView {
  return {
    id: n.id,
    kind: n.kind,
    caseId: n.caseId,
    elementId: n.elementId,
    taskName: n.taskName,
    dueAt: n.dueAt,
    level: n.level,
    recipientKind: n.recipientKind,
    createdAt: n.createdAt,
    acknowledgedAt: n.acknowledgedAt,
  };
}
