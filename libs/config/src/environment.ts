import 'reflect-metadata';
import fs from 'node:fs';
import { plainToInstance, Type } from 'class-transformer';
import { parseNetworks } from '@sss/activities/channels/webhook-targets';
import { parseWorkingCalendarSettings } from '@sss/domain';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsJSON,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
  validateSync,
} from 'class-validator';

/** One key of a municipality's ring: six-digit code, key id, 32 bytes in base64. */
const PAYLOAD_KEY = '\\d{6}:[A-Za-z0-9_-]+:[A-Za-z0-9+/]{43}=';
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** What the migration step needs: the schema owner's connection. */
export class MigrationEnvironment {
  @Matches(/^postgres(ql)?:\/\/.+/, {
    message: 'MIGRATION_DATABASE_URL must be a postgres:// URL (the schema owner)',
  })
  MIGRATION_DATABASE_URL!: string;
}

const fileExists = (variable: string) =>
  ValidateBy({
    name: 'fileExists',
    validator: {
      validate: (value) => typeof value === 'string' && fs.existsSync(value),
      defaultMessage: (args) => `${variable} names no readable file: ${String(args?.value)}`,
    },
  });

/**
 * How to reach Temporal's frontend: the address, and TLS (a server CA, a server name), mTLS (a
 * client certificate and its key, both or neither) or an API key. What the API, the worker and
 * the tools that talk to Temporal all need.
 */
export class TemporalConnectionEnvironment {
  @Matches(/^[^:/\s]+:\d+$/, { message: 'TEMPORAL_ADDRESS must be host:port' })
  TEMPORAL_ADDRESS!: string;

  /** `true` for TLS with the system's CAs; any setting below turns TLS on as well. */
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'TEMPORAL_TLS must be true or false' })
  TEMPORAL_TLS?: 'true' | 'false';

  /** PEM file of the CA that signed the frontend's certificate (a private CA). */
  @IsOptional()
  @fileExists('TEMPORAL_TLS_SERVER_CA_FILE')
  TEMPORAL_TLS_SERVER_CA_FILE?: string;

  /** The name the frontend's certificate is checked against, when not its address' host. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9.-]+$/, { message: 'TEMPORAL_TLS_SERVER_NAME must be a host name' })
  TEMPORAL_TLS_SERVER_NAME?: string;

  /** mTLS: this process's client certificate (PEM) ... */
  @ValidateIf((env: TemporalConnectionEnvironment) => !!env.TEMPORAL_TLS_CLIENT_KEY_FILE)
  @IsNotEmpty({
    message: 'TEMPORAL_TLS_CLIENT_CERT_FILE is required with TEMPORAL_TLS_CLIENT_KEY_FILE',
  })
  @fileExists('TEMPORAL_TLS_CLIENT_CERT_FILE')
  TEMPORAL_TLS_CLIENT_CERT_FILE?: string;

  /** ... and its private key (PEM): both or neither. */
  @ValidateIf((env: TemporalConnectionEnvironment) => !!env.TEMPORAL_TLS_CLIENT_CERT_FILE)
  @IsNotEmpty({
    message: 'TEMPORAL_TLS_CLIENT_KEY_FILE is required with TEMPORAL_TLS_CLIENT_CERT_FILE',
  })
  @fileExists('TEMPORAL_TLS_CLIENT_KEY_FILE')
  TEMPORAL_TLS_CLIENT_KEY_FILE?: string;

  /** An API key (Temporal Cloud, or a frontend with an authorizer), sent over TLS. */
  @IsOptional()
  @Matches(/^\S{16,}$/, { message: 'TEMPORAL_API_KEY must be at least 16 characters, no spaces' })
  TEMPORAL_API_KEY?: string;
}

/** Variables both the API and the worker need. */
export class CommonEnvironment extends TemporalConnectionEnvironment {
  /**
   * Prometheus metrics at http://METRICS_ADDRESS/metrics (host:port; 0.0.0.0 inside a pod), a
   * listener apart from the API's so that no ingress serves them; no metrics without.
   */
  @IsOptional()
  @Matches(/^[^:/\s]+:\d{1,5}$/, { message: 'METRICS_ADDRESS must be host:port' })
  METRICS_ADDRESS?: string;

  /** Traces (OpenTelemetry, OTLP over HTTP) go to this collector URL; no tracing without. */
  @IsOptional()
  @IsUrl(
    { require_tld: false, require_protocol: true, protocols: ['http', 'https'] },
    { message: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT must be an http(s) URL' },
  )
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?: string;

  /** A login role in `sss_app` (see the migrations): rows only, no schema, the audit log append-only. */
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL!: string;

  @IsString()
  @IsNotEmpty()
  TEMPORAL_NAMESPACE!: string;

  @IsString()
  @IsNotEmpty()
  TEMPORAL_TASK_QUEUE!: string;

  /**
   * Each municipality's key ring for the payload codec, `municipality:keyId:base64key` separated
   * by commas; a municipality's first key encrypts, all of its keys decrypt, so a key is rotated
   * in by listing it first and kept until no history needs the old one.
   */
  @Matches(new RegExp(`^${PAYLOAD_KEY}(,${PAYLOAD_KEY})*$`), {
    message:
      'PAYLOAD_KEYS must be municipality:keyId:base64(32 bytes)[,municipality:keyId:base64(32 bytes)...]',
  })
  PAYLOAD_KEYS!: string;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  /**
   * Private, loopback or link-local networks webhooks may still be posted to (a relay inside the
   * deployment), as `address/prefix` separated by commas; by default webhooks reach public hosts only.
   */
  @IsOptional()
  @ValidateBy({
    name: 'networks',
    validator: {
      validate: (value) => problemOf(parseNetworks, value) === undefined,
      defaultMessage: (args) =>
        `WEBHOOK_ALLOWED_NETWORKS: ${problemOf(parseNetworks, args?.value)}`,
    },
  })
  WEBHOOK_ALLOWED_NETWORKS?: string;
}

/** What a parser finds wrong with a setting's value, or undefined when it parses. */
function problemOf(parse: (value: string) => unknown, value: unknown): string | undefined {
  try {
    parse(String(value));
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

export class ApiEnvironment extends CommonEnvironment {
  @Type(() => Number)
  @IsInt({ message: 'API_PORT must be an integer' })
  @Min(1)
  @Max(65535)
  API_PORT!: number;

  /** Bearer tokens must be issued by this issuer (an OIDC provider's `iss`) ... */
  @IsString()
  @IsNotEmpty()
  AUTH_ISSUER!: string;

  /** ... for this audience. */
  @IsString()
  @IsNotEmpty()
  AUTH_AUDIENCE!: string;

  /** The issuer's signing keys: a JWKS URL (OIDC `jwks_uri`) ... */
  @ValidateIf((env: ApiEnvironment) => !env.AUTH_JWKS)
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'] },
    { message: 'AUTH_JWKS_URL (or AUTH_JWKS) is required: the token issuer keys' },
  )
  AUTH_JWKS_URL?: string;

  /** ... or the JWKS document itself. */
  @ValidateIf((env: ApiEnvironment) => !env.AUTH_JWKS_URL)
  @IsJSON({ message: 'AUTH_JWKS (or AUTH_JWKS_URL) must be a JWKS JSON document' })
  AUTH_JWKS?: string;

  /**
   * The longest a bearer token may live (`exp - iat`) and be used after it was issued; longer
   * lived tokens are refused, whatever their `exp` says.
   */
  @Type(() => Number)
  @IsInt({ message: 'AUTH_MAX_TOKEN_AGE_SECONDS must be an integer' })
  @Min(60)
  @Max(86_400)
  AUTH_MAX_TOKEN_AGE_SECONDS = 8 * 3600;

  /** Origins (the Temporal Web UI) allowed to call the codec endpoints from a browser. */
  @IsOptional()
  @Matches(/^https?:\/\/[^,\s]+(,https?:\/\/[^,\s]+)*$/, {
    message: 'CODEC_CORS_ORIGINS must be comma-separated http(s) origins',
  })
  CODEC_CORS_ORIGINS?: string;

  /**
   * Signs codec sessions (the Temporal UI's cookie), base64 of at least 32 bytes; API replicas
   * share it. Without it each process makes its own, and its sessions end with it.
   */
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/]{43,}={0,2}$/, {
    message: 'CODEC_SESSION_SECRET must be base64 of at least 32 bytes',
  })
  CODEC_SESSION_SECRET?: string;

  /**
   * The proxies in front of the API whose X-Forwarded-* headers are believed (Express' `trust
   * proxy`): a hop count, or addresses / CIDRs / `loopback`, `linklocal`, `uniquelocal`. Behind
   * a TLS-terminating proxy it is what makes the codec cookie Secure.
   */
  @IsOptional()
  @Matches(
    /^(\d|[1-9]\d)$|^(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)(,(loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?))*$/,
    { message: 'TRUST_PROXY must be a hop count or comma-separated addresses, CIDRs or loopback' },
  )
  TRUST_PROXY?: string;

  /**
   * The Japanese TrueType font the printouts (plan, case summary) are set in; Debian's
   * fonts-ipaexfont by default, which `make setup` installs.
   */
  @fileExists('PRINTOUT_FONT_FILE')
  PRINTOUT_FONT_FILE = '/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf';

  @Type(() => Number)
  @IsInt({ message: 'RATE_LIMIT_PER_MINUTE must be an integer' })
  @Min(1)
  RATE_LIMIT_PER_MINUTE = 600;

  /**
   * How long a case action waits for the records its step writes; past it (a store failing or
   * slow) the action, already taken, answers 202 with `recordsPending`.
   */
  @Type(() => Number)
  @IsInt({ message: 'ACTION_WAIT_SECONDS must be an integer' })
  @Min(1)
  ACTION_WAIT_SECONDS = 10;

  /**
   * The deployment's working calendars, JSON: municipality code (or `*`) → the settings that
   * differ from the released calendar, e.g. `{"*":{"officeHours":{"start":"09:00",...}}}`. A
   * case keeps the calendar it was referred on.
   */
  @IsOptional()
  @ValidateBy({
    name: 'workingCalendars',
    validator: {
      validate: (value) => problemOf(parseWorkingCalendarSettings, value) === undefined,
      defaultMessage: (args) =>
        `WORKING_CALENDARS ${problemOf(parseWorkingCalendarSettings, args?.value)}`,
    },
  })
  WORKING_CALENDARS?: string;

  /** The built case console (dist/console) to serve under /console/; unset, it is not served. */
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  CONSOLE_DIR?: string;

  /**
   * The console's sign-in: the OIDC provider's authorization and token endpoints (code flow with
   * PKCE, a public client) and the console's client id there. Its tokens must suit the API
   * (AUTH_ISSUER, AUTH_AUDIENCE).
   */
  @ValidateIf((env: ApiEnvironment) => Boolean(env.CONSOLE_DIR))
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'] },
    { message: "CONSOLE_OIDC_AUTHORIZE_URL must be the provider's authorization endpoint URL" },
  )
  CONSOLE_OIDC_AUTHORIZE_URL?: string;

  @ValidateIf((env: ApiEnvironment) => Boolean(env.CONSOLE_DIR))
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'] },
    { message: "CONSOLE_OIDC_TOKEN_URL must be the provider's token endpoint URL" },
  )
  CONSOLE_OIDC_TOKEN_URL?: string;

  @IsOptional()
  @Matches(/^[\w.:-]{1,200}$/, { message: 'CONSOLE_OIDC_CLIENT_ID must be a client id' })
  CONSOLE_OIDC_CLIENT_ID = 'sss-console';

  /** The Temporal Web UI the console links managers to, e.g. http://127.0.0.1:8233. */
  @IsOptional()
  @IsUrl(
    { require_tld: false, protocols: ['http', 'https'] },
    { message: 'CONSOLE_TEMPORAL_UI_URL must be a URL' },
  )
  CONSOLE_TEMPORAL_UI_URL?: string;
}

export class WorkerEnvironment extends CommonEnvironment {
  /** The worker's /health/live and /health/ready at this host:port; none without. */
  @IsOptional()
  @Matches(/^[^:/\s]+:\d{1,5}$/, { message: 'HEALTH_ADDRESS must be host:port' })
  HEALTH_ADDRESS?: string;

  /** A prebuilt workflow bundle (production); without it the worker bundles from source. */
  @IsOptional()
  @IsString()
  WORKFLOW_BUNDLE_PATH?: string;

  /**
   * How many case runs the worker keeps between their tasks (0: none, each task replays the
   * history). Unset: as many as fill half the heap (libs/temporal workflow-cache.ts) if the
   * core bridge evicts after a legacy query (docs/worker-failover.md) and the runtime is Node 24,
   * else 0.
   */
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'WORKER_CACHED_WORKFLOWS must be an integer' })
  @Min(0)
  @Max(100_000)
  WORKER_CACHED_WORKFLOWS?: number;

  /** The SMTP server notices are mailed through (smtp://, or smtps:// with TLS); no mail without. */
  @IsOptional()
  @Matches(/^smtps?:\/\/[^\s]+$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsEmail({ require_tld: false }, { message: 'MAIL_FROM must be an e-mail address' })
  MAIL_FROM = 'sss-notices@localhost';

  /** Signs webhook deliveries (Standard Webhooks): `whsec_` and a base64 key; no webhooks without. */
  @IsOptional()
  @Matches(/^whsec_[A-Za-z0-9+/]{22,}={0,2}$/, {
    message: 'WEBHOOK_SECRET must be whsec_ followed by a base64 key (at least 16 bytes)',
  })
  WEBHOOK_SECRET?: string;
}

export class ConfigurationError extends Error {}

/**
 * Validates raw environment variables into a typed object. Every problem names its variable, so a
 * misconfigured deployment fails at boot with a message an operator can act on.
 */
export function validateEnvironment<T extends object>(
  schema: new () => T,
  raw: Record<string, string | undefined>,
): T {
  const env = plainToInstance(schema, raw, { exposeDefaultValues: true });
  const errors = validateSync(env);
  if (errors.length > 0) {
    const lines = errors.map((e) => {
      const messages = Object.values(e.constraints ?? {});
      if (raw[e.property] !== undefined && raw[e.property] !== '') return messages.join('; ');
      return messages.find((m) => m.includes('required')) ?? `${e.property} is required`;
    });
    throw new ConfigurationError(`Invalid configuration:\n  - ${lines.join('\n  - ')}`);
  }
  return env;
}

/** The one place the process environment is read. */
export function loadEnvironment<T extends object>(schema: new () => T): T {
  return validateEnvironment(schema, process.env);
}
