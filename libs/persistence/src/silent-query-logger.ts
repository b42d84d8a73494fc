import type { Logger } from 'typeorm';

/**
 * TypeORM's logger, silenced for good: its built-in loggers print a statement with its parameters
 * (case data) once `logging` is turned on, failed statements included. Failures still surface as
 * the errors callers get, which the apps' log serializers strip of their parameters.
 */
export class SilentQueryLogger implements Logger {
  logQuery(): void {}
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
