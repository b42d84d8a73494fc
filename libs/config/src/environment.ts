import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
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
}

export class WorkerEnvironment extends CommonEnvironment {
  /** A prebuilt workflow bundle (production); without it the worker bundles from source. */
  @IsOptional()
  @IsString()
  WORKFLOW_BUNDLE_PATH?: string;
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
    const lines = errors.map((e) =>
      raw[e.property] === undefined || raw[e.property] === ''
        ? `${e.property} is required`
        : Object.values(e.constraints ?? {}).join('; '),
    );
    throw new ConfigurationError(`Invalid configuration:\n  - ${lines.join('\n  - ')}`);
  }
  return env;
}

/** The one place the process environment is read. */
export function loadEnvironment<T extends object>(schema: new () => T): T {
  return validateEnvironment(schema, process.env);
}
