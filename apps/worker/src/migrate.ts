import 'reflect-metadata';
import { ConfigurationError, loadEnvironment, MigrationEnvironment } from '@sss/config';
import { runMigrations } from '@sss/persistence';

/** One-off deployment step: applies pending migrations, then exits. */
async function main(): Promise<void> {
  const env = loadEnvironment(MigrationEnvironment);
  const applied = await runMigrations(env.MIGRATION_DATABASE_URL);
  process.stdout.write(`${JSON.stringify({ msg: 'migrations applied', applied })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigurationError ? error.message : String(error)}\n`);
  process.exit(1);
});
