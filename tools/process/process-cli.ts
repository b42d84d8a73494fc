/**
 * Developer CLI for process definitions: `npm run process -- <command>`.
 * A definition is named `id@version` (`id` alone is the latest released one) or by a JSON file.
 */
import fs from 'node:fs';
import { Command } from 'commander';
import { toBpmnXml } from '@sss/bpmn';
import { RELEASED_DEFINITIONS, releasedDefinitions } from '@sss/definitions';
import {
  definitionKey,
  diffDefinitions,
  formatChange,
  ProcessDefinition,
  ROLES,
  validateDefinition,
} from '@sss/domain';
import { PROCESS_ACTIVITIES } from '@sss/workflows/process/process-activities';

export interface Output {
  out(text: string): void;
  err(text: string): void;
}

export function processCli(io: Output): Command {
  const program = new Command('process')
    .description('list, validate, export and compare process definitions')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });

  program
    .command('list')
    .description('released definitions and their versions')
    .action(() => {
      const registry = releasedDefinitions();
      for (const id of registry.ids()) {
        const latest = registry.get(id);
        io.out(`${id}\t${registry.versions(id).join(', ')}\t${latest.name}\n`);
      }
    });

  program
    .command('validate')
    .description('check definition files; every problem is listed with its element and rule')
    .argument('<files...>')
    .action((files: string[]) => {
      let invalid = 0;
      for (const file of files) {
        const def = readFile(file);
        const problems = validateDefinition(def, {
          activities: PROCESS_ACTIVITIES,
          roles: ROLES,
          definitions: [...new Set([...RELEASED_DEFINITIONS.map((d) => d.id), def.id])],
        });
        if (!problems.length) {
          io.out(`${file}: ${definitionKey(def)} is valid\n`);
          continue;
        }
        invalid += 1;
        io.err(`${file}: ${definitionKey(def)} has ${problems.length} problem(s)\n`);
        for (const p of problems) io.err(`  ${p.element} [${p.rule}] ${p.message}\n`);
      }
      if (invalid) program.error(`${invalid} invalid definition file(s)`, { exitCode: 1 });
    });

  program
    .command('export')
    .description('BPMN 2.0 XML with a laid-out diagram, for bpmn.io or Camunda Modeler')
    .argument('<definition>', 'id, id@version or a JSON file')
    .option('-o, --out <file>', 'write to a file instead of standard output')
    .action(async (ref: string, options: { out?: string }) => {
      const xml = await toBpmnXml(resolve(ref));
      if (options.out) fs.writeFileSync(options.out, xml);
      else io.out(`${xml}\n`);
    });

  program
    .command('diff')
    .description('what changed from one version to another')
    .argument('<from>', 'id@version or a JSON file')
    .argument('<to>', 'id@version or a JSON file')
    .action((from: string, to: string) => {
      const changes = diffDefinitions(resolve(from), resolve(to));
      if (!changes.length) io.out('no changes\n');
      for (const c of changes) io.out(`${formatChange(c)}\n`);
    });

  return program;
}

function resolve(ref: string): ProcessDefinition {
  if (ref.endsWith('.json')) return readFile(ref);
  const [id, version] = ref.split('@');
  return releasedDefinitions().get(id, version === undefined ? undefined : Number(version));
}

function readFile(file: string): ProcessDefinition {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as ProcessDefinition;
}

if (require.main === module) {
  const io: Output = {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
  };
  processCli(io)
    .parseAsync()
    .catch((e: { exitCode?: number; message?: string }) => {
      if (e.exitCode === undefined) io.err(`${e.message}\n`);
      process.exitCode = e.exitCode ?? 1;
    });
}
