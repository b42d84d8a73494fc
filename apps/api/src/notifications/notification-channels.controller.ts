import { BadRequestException, Body, Controller, Get, Put, Query } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, isEmail, IsOptional, isURL, ValidateBy, ValidationArguments } from 'class-validator';
import { Repository } from 'typeorm';
import { WebhookTargets } from '@sss/activities/channels/webhook-targets';
import { ApiEnvironment } from '@sss/config';
import { HANDOVER_NOTICE_KINDS, mayManageNotificationChannels, NOTICE_KINDS } from '@sss/domain';
import {
  DELIVERY_CHANNELS,
  DeliveryChannel,
  DeliveryEntity,
  NotificationAddressEntity,
} from '@sss/persistence';
import { AgencyRegister } from '../agencies/agency-register';
import { AuditService } from '../audit/audit.service';
import { Ctx, RequestContext } from '../auth/request-context';
import { Text } from '../validation/text';

const RECIPIENT_KINDS = ['person', 'agency', 'role'] as const;
const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'failing'] as const;

/** An e-mail address on the email channel, an http(s) URL on the webhook channel. */
function IsChannelAddress(): PropertyDecorator {
  const emailChannel = (args: ValidationArguments) =>
    (args.object as { channel?: string }).channel === 'email';
  return ValidateBy({
    name: 'isChannelAddress',
    validator: {
      validate: (value: unknown, args) =>
        typeof value === 'string' &&
        (emailChannel(args!)
          ? isEmail(value)
          : isURL(value, {
              protocols: ['https', 'http'],
              require_tld: false,
              require_protocol: true,
            })),
      defaultMessage: (args) =>
        emailChannel(args!)
          ? 'address must be an e-mail address for the email channel'
          : 'address must be an http(s) URL for the webhook channel',
    },
  });
}

export class NotificationAddressDto {
  @ApiProperty({ enum: RECIPIENT_KINDS, description: 'A person (user id), an agency or a role' })
  @IsIn(RECIPIENT_KINDS, { message: 'recipientKind must be person, agency or role' })
  recipientKind!: (typeof RECIPIENT_KINDS)[number];

  @ApiProperty({ example: 'houkatsu-kamakura', maxLength: 200 })
  @Text({ max: 200 })
  recipient!: string;

  @ApiProperty({ enum: DELIVERY_CHANNELS })
  @IsIn(DELIVERY_CHANNELS, { message: 'channel must be email or webhook' })
  channel!: DeliveryChannel;

  @ApiProperty({
    description: 'An e-mail address, or the https URL of a chat tool webhook',
    maxLength: 500,
  })
  @Text({ max: 500 })
  @IsChannelAddress()
  address!: string;
}

export class NotificationAddressView extends NotificationAddressDto {
  @ApiProperty() updatedBy!: string;
  @ApiProperty() updatedAt!: Date;
}

export class DeliveriesQuery {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES, description: 'Only deliveries in this state' })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES, { message: 'status must be pending, sending, sent or failing' })
  status?: (typeof DELIVERY_STATUSES)[number];
}

export class DeliveryView {
  @ApiProperty() id!: string;
  @ApiProperty() notificationId!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ enum: [...NOTICE_KINDS, ...HANDOVER_NOTICE_KINDS] }) kind!: string;
  @ApiProperty() elementId!: string;
  @ApiProperty({ enum: RECIPIENT_KINDS }) recipientKind!: string;
  @ApiProperty() recipient!: string;
  @ApiProperty({ enum: DELIVERY_CHANNELS }) channel!: string;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status!: string;
  @ApiProperty() attempts!: number;
  @ApiPropertyOptional({ nullable: true, type: String }) lastError!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) lastAttemptAt!: Date | null;
  @ApiPropertyOptional({ nullable: true, type: String }) sentAt!: Date | null;
}

/**
 * Where notices go besides the inbox, and whether they got there: a failing channel shows here
 * (status failing, the attempts and the last error) while the worker goes on retrying it.
 */
@ApiTags('notifications')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Only managers and administrators' })
@Controller({ path: 'notifications', version: '1' })
export class NotificationChannelsController {
  private readonly webhookTargets: WebhookTargets;

  constructor(
    env: ApiEnvironment,
    private readonly audit: AuditService,
    private readonly agencies: AgencyRegister,
    @InjectRepository(NotificationAddressEntity)
    private readonly addresses: Repository<NotificationAddressEntity>,
    @InjectRepository(DeliveryEntity) private readonly deliveries: Repository<DeliveryEntity>,
  ) {
    this.webhookTargets = new WebhookTargets(env.WEBHOOK_ALLOWED_NETWORKS);
  }

  @Get('addresses')
  @ApiOperation({ summary: "The municipality's e-mail addresses and webhooks for notices" })
  @ApiOkResponse({ type: [NotificationAddressView] })
  async listAddresses(@Ctx() ctx: RequestContext): Promise<NotificationAddressView[]> {
    const rows = await this.audit.auditedRead(
      ctx,
      'notifications.channels.read',
      mayManageNotificationChannels(ctx.actor),
      () =>
        this.addresses.find({
          where: { municipality: ctx.actor.municipality },
          order: { recipientKind: 'ASC', recipient: 'ASC', channel: 'ASC' },
        }),
    );
    return rows.map(addressView);
  }

  @Put('addresses')
  @ApiOperation({ summary: "Sets a recipient's address on a channel (replacing the one before)" })
  @ApiOkResponse({ type: NotificationAddressView })
  async setAddress(
    @Ctx() ctx: RequestContext,
    @Body() dto: NotificationAddressDto,
  ): Promise<NotificationAddressView> {
    await this.audit.enforce(
      ctx,
      'notifications.channels.write',
      mayManageNotificationChannels(ctx.actor),
    );
    // The worker checks again, on every address the name resolves to, when it posts.
    const refusal = dto.channel === 'webhook' && this.webhookTargets.urlRefusal(dto.address);
    if (refusal) throw new BadRequestException([`address: ${refusal}`]);
    if (dto.recipientKind === 'agency') {
      await this.agencies.assertKnown(ctx.actor.municipality, { recipient: [dto.recipient] });
    }
    const key = {
      municipality: ctx.actor.municipality,
      recipientKind: dto.recipientKind,
      recipient: dto.recipient,
      channel: dto.channel,
    };
    await this.addresses.upsert(
      { ...key, address: dto.address, updatedBy: ctx.actor.id, updatedAt: new Date() },
      ['municipality', 'recipientKind', 'recipient', 'channel'],
    );
    return addressView(await this.addresses.findOneByOrFail(key));
  }

  @Get('deliveries')
  @ApiOperation({ summary: 'E-mail and webhook deliveries of notices, newest first' })
  @ApiOkResponse({ type: [DeliveryView] })
  async listDeliveries(
    @Ctx() ctx: RequestContext,
    @Query() query: DeliveriesQuery,
  ): Promise<DeliveryView[]> {
    await this.audit.enforce(
      ctx,
      'notifications.channels.read',
      mayManageNotificationChannels(ctx.actor),
    );
    const q = this.deliveries
      .createQueryBuilder('d')
      .innerJoin('notifications', 'n', 'n.id = d.notification_id')
      .where('n.municipality = :municipality', { municipality: ctx.actor.municipality })
      .select([
        'd.id AS id',
        'd.notification_id AS "notificationId"',
        'n.case_id AS "caseId"',
        'n.kind AS kind',
        'n.element_id AS "elementId"',
        'n.recipient_kind AS "recipientKind"',
        'n.recipient AS recipient',
        'd.channel AS channel',
        'd.status AS status',
        'd.attempts AS attempts',
        'd.last_error AS "lastError"',
        'd.last_attempt_at AS "lastAttemptAt"',
        'd.sent_at AS "sentAt"',
      ])
      .orderBy('d.id', 'DESC')
      .limit(500);
    if (query.status) q.andWhere('d.status = :status', { status: query.status });
    return q.getRawMany<DeliveryView>();
  }
}

function addressView(a: NotificationAddressEntity): NotificationAddressView {
  return {
    recipientKind: a.recipientKind,
    recipient: a.recipient,
    channel: a.channel,
    address: a.address,
    updatedBy: a.updatedBy,
    updatedAt: a.updatedAt,
  };
}
