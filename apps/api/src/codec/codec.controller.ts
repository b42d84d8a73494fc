import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  Post,
  Req,
  Res,
  ForbiddenException,
  UnauthorizedException,
} from '@nestjs/common';
import { ApiBearerAuth, ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import type { Payload } from '@temporalio/common';
import { serialize } from 'cookie';
import type { Request, Response } from 'express';
import { mayUsePayloadCodec } from '@sss/domain';
import { PayloadCipher, PayloadRefused } from '@sss/temporal';
import { AuditService } from '../audit/audit.service';
import {
  AcceptsCodecCookie,
  CODEC_COOKIE,
  Ctx,
  Public,
  RequestContext,
} from '../auth/request-context';
import { CodecSessions } from '../auth/codec-sessions';
import { InvalidTokenError, TokenVerifier } from '../auth/token-verifier';
import { CodecPayloadsDto, CodecSessionDto, JsonPayloadDto } from './codec.dto';

const fromJson = (p: JsonPayloadDto): Payload => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')]),
  ),
  data: Buffer.from(p.data ?? '', 'base64'),
});
const toJson = (p: Payload): JsonPayloadDto => ({
  metadata: Object.fromEntries(
    Object.entries(p.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v ?? []).toString('base64')]),
  ),
  data: Buffer.from(p.data ?? []).toString('base64'),
});

/**
 * The codec server the Temporal Web UI calls to show workflow payloads decrypted: only to
 * managers, only their own municipality's payloads (others stay encrypted in the answer), every
 * call audited with the cases it showed. Payloads stay encrypted in Temporal itself.
 */
@ApiTags('codec')
@ApiBearerAuth()
@Controller({ path: 'codec', version: '1' })
export class CodecController {
  constructor(
    private readonly cipher: PayloadCipher,
    private readonly audit: AuditService,
    private readonly verifier: TokenVerifier,
    private readonly sessions: CodecSessions,
  ) {}

  @Post('decode')
  @HttpCode(200)
  @AcceptsCodecCookie()
  async decode(
    @Ctx() ctx: RequestContext,
    @Body() body: CodecPayloadsDto,
  ): Promise<CodecPayloadsDto> {
    const decision = mayUsePayloadCodec(ctx.actor);
    if (!decision.allowed) await this.audit.enforce(ctx, 'payloads.decode', decision);
    const { municipality } = ctx.actor;
    // Opened in memory first (the case a label names is known only once it is verified), then
    // audited per case, and only then answered.
    const opened = body.payloads.map(fromJson).map((payload, i) => {
      if (this.cipher.label(payload)?.municipality !== municipality) {
        return { payload, label: undefined };
      }
      try {
        return this.cipher.open(payload);
      } catch (error) {
        if (error instanceof PayloadRefused) {
          throw new BadRequestException(`payloads[${i}] cannot be decoded: ${error.message}`);
        }
        throw error;
      }
    });
    const cases = new Set(opened.flatMap((o) => (o.label?.caseId ? [o.label.caseId] : [])));
    if (cases.size === 0) await this.audit.enforce(ctx, 'payloads.decode', decision);
    for (const caseId of cases) {
      await this.audit.enforce(ctx, 'payloads.decode', decision, { caseId, municipality });
    }
    return { payloads: opened.map((o) => toJson(o.payload)) };
  }

  /**
   * Encrypts for the caller's municipality, marked as the codec server's: the worker refuses
   * such payloads, so input typed into the Temporal UI never acts on a case around the API.
   */
  @Post('encode')
  @HttpCode(200)
  @AcceptsCodecCookie()
  async encode(
    @Ctx() ctx: RequestContext,
    @Body() body: CodecPayloadsDto,
  ): Promise<CodecPayloadsDto> {
    await this.audit.enforce(ctx, 'payloads.encode', mayUsePayloadCodec(ctx.actor));
    const { municipality } = ctx.actor;
    if (!this.cipher.hasKeysFor(municipality)) {
      throw new BadRequestException(`municipality ${municipality} has no payload keys`);
    }
    const label = { municipality, caseId: '', origin: 'codec-server' } as const;
    return {
      payloads: body.payloads.map(fromJson).map((p) => toJson(this.cipher.seal(p, label))),
    };
  }

  /** A page where a manager pastes a token to let the Temporal UI decode through this server. */
  @Get('login')
  @Public()
  @ApiExcludeEndpoint()
  @Header('content-type', 'text/html; charset=utf-8')
  loginPage(): string {
    return `<!doctype html><html lang="en"><head><title>Codec sign-in</title></head><body>
<h1>Read case payloads in the Temporal UI</h1>
<p>Managers only. Paste your bearer token; the Temporal UI's codec calls then carry a session
cookie (turn on “Include cross-origin credentials” in the UI's codec server settings).</p>
<form method="post" action="session"><input name="token" size="80" autocomplete="off">
<button type="submit">Sign in</button></form></body></html>`;
  }

  /**
   * Turns a manager's token into a session cookie for the codec endpoints only: HttpOnly,
   * SameSite=Strict, Secure when the request came over TLS (TRUST_PROXY behind a proxy), holding
   * a signed session rather than the token. Only this server's own sign-in page may post here.
   */
  @Post('session')
  @Public()
  @HttpCode(200)
  async session(
    @Body() body: CodecSessionDto,
    @Req() req: Request & { id?: unknown },
    @Res({ passthrough: true }) res: Response,
  ): Promise<{ expiresAt: Date }> {
    refuseCrossSite(req);
    const { actor, expiresAt } = await this.verifier.verify(body.token).catch((error: unknown) => {
      throw error instanceof InvalidTokenError ? new UnauthorizedException(error.message) : error;
    });
    const ctx = { actor, requestId: String(req.id) };
    await this.audit.enforce(ctx, 'codec.session', mayUsePayloadCodec(actor));
    const session = this.sessions.issue(actor, expiresAt);
    res.setHeader(
      'set-cookie',
      serialize(CODEC_COOKIE, session.value, {
        httpOnly: true,
        sameSite: 'strict',
        secure: req.secure,
        path: '/v1/codec',
        expires: session.expiresAt,
      }),
    );
    return { expiresAt: session.expiresAt };
  }
}

/**
 * A form on another site could post a manager's token here and plant a session (login CSRF).
 * Browsers say where a post comes from: Sec-Fetch-Site, which decides when sent; older ones only
 * Origin (`null` under our no-referrer policy, so that is no proof of the own page). Clients that
 * are not browsers send neither.
 */
function refuseCrossSite(req: Request): void {
  const site = req.headers['sec-fetch-site'];
  const origin = req.headers.origin;
  const own =
    site !== undefined
      ? site === 'same-origin' || site === 'none'
      : origin === undefined || origin === `${req.protocol}://${req.get('host')}`;
  if (!own) throw new ForbiddenException('codec sign-in is only accepted from its own page');
}
