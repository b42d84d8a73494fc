import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
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

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** What the migration step needs. */
export class MigrationEnvironment {
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL!: string;
}

/** Variables both the API and the worker need. */
export class CommonEnvironment extends MigrationEnvironment {
  @Matches(/^[^:/\s]+:\d+$/, { message: 'TEMPORAL_ADDRESS must be host:port' })
  TEMPORAL_ADDRESS!: string;

  @IsString()
  @IsNotEmpty()
  TEMPORAL_NAMESPACE!: string;

  @IsString()
  @IsNotEmpty()
  TEMPORAL_TASK_QUEUE!: string;

  /**
   * Keys for the payload codec, `keyId:base64key` separated by commas; the first encrypts, all
   * decrypt, so a key can be rotated in without losing old histories.
   */
  @Matches(/^[A-Za-z0-9_-]+:[A-Za-z0-9+/]{43}=(,[A-Za-z0-9_-]+:[A-Za-z0-9+/]{43}=)*$/, {
    message: 'PAYLOAD_KEYS must be keyId:base64(32 bytes)[,keyId:base64(32 bytes)...]',
  })
  PAYLOAD_KEYS!: string;

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';
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
      validate: (value) => workingCalendarProblem(value) === undefined,
      defaultMessage: (args) => `WORKING_CALENDARS ${workingCalendarProblem(args?.value)}`,
    },
  })
  WORKING_CALENDARS?: string;
}

function workingCalendarProblem(value: unknown): string | undefined {
  try {
    parseWorkingCalendarSettings(String(value));
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

export class WorkerEnvironment extends CommonEnvironment {
  /** A prebuilt workflow bundle (production); without it the worker bundles from source. */
  @IsOptional()
  @IsString()
  WORKFLOW_BUNDLE_PATH?: string;

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
