import fs from 'node:fs';
import type { Command } from 'commander';
import type { Output } from './process-cli';

interface MigratedCase {
  id: string;
  from: string | null;
  canMove: boolean;
  moved: boolean;
  reasons: string[];
}

/**
 * `process migrate`: asks the API to move running cases (POST /v1/admin/migrations), so the
 * move is scoped, checked by each case's process and audited as any administrator's act. A
 * dry run unless --apply.
 */
export function migrateCommand(program: Command, io: Output): void {
  program
    .command('migrate')
    .description(
      'move running cases to another released version (dry run unless --apply), through the API',
    )
    .requiredOption('--api <url>', 'the API, e.g. https://sss.example.jp')
    .requiredOption('--token-file <file>', 'a file holding an administrator’s bearer token')
    .requiredOption('--to <id@version>', 'the released definition to move to')
    .option('--map <old=new...>', 'element mapping entries', [])
    .option('--cases <ids...>', 'the case ids to move')
    .option('--running-on <id@version>', 'or: the open cases running on this definition')
    .option('--apply', 'move the cases that can move (otherwise only say which could)')
    .action(async (options: MigrateOptions) => {
      const [definition, version] = options.to.split('@');
      const body = {
        definition,
        version: Number(version),
        mapping: Object.fromEntries(options.map.map((entry) => entry.split('=', 2))),
        ...(options.cases ? { caseIds: options.cases } : {}),
        ...(options.runningOn ? { filter: { runningOn: options.runningOn } } : {}),
        dryRun: !options.apply,
      };
      const token = fs.readFileSync(options.tokenFile, 'utf8').trim();
      const res = await fetch(new URL('/v1/admin/migrations', options.api), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      const answer = (await res.json()) as { cases?: MigratedCase[]; message?: unknown };
      if (!res.ok || !answer.cases) {
        throw new Error(
          `the API refused the migration (${res.status}): ${JSON.stringify(answer.message)}`,
        );
      }
      for (const c of answer.cases) {
        const outcome = c.moved
          ? 'moved'
          : c.canMove
            ? 'can move'
            : `stays: ${c.reasons.join('; ')}`;
        io.out(`${c.id}\t${c.from ?? '-'} -> ${options.to}\t${outcome}\n`);
      }
    });
}

interface MigrateOptions {
  api: string;
  tokenFile: string;
  to: string;
  map: string[];
  cases?: string[];
  runningOn?: string;
  apply?: boolean;
}
