/**
 * Developer CLI for process definitions: `npm run process -- <command>`.
 * A definition is named `id@version` (`id` alone is the latest released one) or by a JSON file.
 */
import fs from 'node:fs';
import { Command } from 'commander';
import { elementTemplates, fromBpmnXml, toBpmnXml } from '@sss/bpmn';
import { RELEASED_FILES, releasedDefinitions } from '@sss/definitions';
import {
  definitionJsonSchema,
  definitionKey,
  diffDefinitions,
  expandDefinitions,
  formatChange,
  formatProblem,
  ProcessDefinition,
  ROLES,
  validateDefinition,
  withoutSchemaReference,
} from '@sss/domain';
import type { DefinitionProblem } from '@sss/domain';
import { PROCESS_ACTIVITIES } from '@sss/workflows/process/process-activities';
import { migrateCommand } from './migrate-command';

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
    .description(
      'check definition files; every problem is listed with its element (or JSON path) and rule',
    )
    .argument('<files...>')
    .action((files: string[]) => {
      let invalid = 0;
      for (const file of files) {
        const { name, problems } = checkFile(file);
        if (!problems.length) {
          io.out(`${file}: ${name} is valid\n`);
          continue;
        }
        invalid += 1;
        io.err(`${file}: ${name} has ${problems.length} problem(s)\n`);
        for (const p of problems) io.err(`  ${formatProblem(p)}\n`);
      }
      if (invalid) program.error(`${invalid} invalid definition file(s)`, { exitCode: 1 });
    });

  program
    .command('schema')
    .description('the JSON Schema (draft 2020-12) of definition files, for editors and other tools')
    .option('-o, --out <file>', 'write to a file instead of standard output')
    .action((options: { out?: string }) => {
      const text = `${JSON.stringify(definitionJsonSchema(), null, 2)}\n`;
      if (options.out) fs.writeFileSync(options.out, text);
      else io.out(text);
    });

  program
    .command('templates')
    .description('Camunda Modeler element templates offering our attributes as fields')
    .option('-o, --out <file>', 'write to a file instead of standard output')
    .action((options: { out?: string }) => {
      const text = `${JSON.stringify(elementTemplates(), null, 2)}\n`;
      if (options.out) fs.writeFileSync(options.out, text);
      else io.out(text);
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
    .command('import')
    .description(
      'a definition from BPMN 2.0 XML (Camunda Modeler, bpmn.io or export), validated as the JSON ones',
    )
    .argument('<file>', 'a .bpmn file')
    .option('-o, --out <file>', 'write the definition (JSON) to a file instead of standard output')
    .action(async (file: string, options: { out?: string }) => {
      const { name, problems, definition } = await importFile(file);
      if (!definition) {
        io.err(`${file}: ${name} has ${problems.length} problem(s)\n`);
        for (const p of problems) io.err(`  ${formatProblem(p)}\n`);
        program.error(`${file} does not import`, { exitCode: 1 });
      }
      const text = `${JSON.stringify(definition, null, 2)}\n`;
      if (options.out) fs.writeFileSync(options.out, text);
      else io.out(text);
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

  migrateCommand(program, io);
  return program;
}

function resolve(ref: string): ProcessDefinition {
  if (ref.endsWith('.json')) return readFile(ref);
  const [id, version] = ref.split('@');
  return releasedDefinitions().get(id, version === undefined ? undefined : Number(version));
}

/** The largest released definition is 38 kB. */
const MAX_FILE_BYTES = 4 * 1024 * 1024;

export interface CheckedFile {
  name: string;
  problems: DefinitionProblem[];
  /** When there are no problems: the definition, without its `$schema` reference. */
  definition?: ProcessDefinition;
}

/** A file's problems, none of them a JavaScript error: unreadable, not JSON, or not a definition. */
export function checkFile(file: string): CheckedFile {
  const text = readText(file);
  if (typeof text !== 'string') return text;
  let value: unknown;
  try {
    // Editors on Windows may save UTF-8 with a byte order mark, which JSON.parse refuses.
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return refused(file, 'not-json', (e as Error).message);
  }
  return checkDefinition(value);
}

/** A BPMN file read into a definition and validated as a JSON one; problems, never a throw. */
export async function importFile(file: string): Promise<CheckedFile> {
  const text = readText(file);
  if (typeof text !== 'string') return text;
  const { definition, problems } = await fromBpmnXml(text);
  if (!definition || problems.length) {
    return {
      name: 'the file',
      problems: problems.map((p) => ({ ...p, element: `${file}: ${p.element}` })),
    };
  }
  return checkDefinition(definition);
}

function refused(file: string, rule: string, message: string): CheckedFile {
  return { name: 'the file', problems: [{ element: file, rule, message }] };
}

/** The file's text, or why there is none. */
function readText(file: string): string | CheckedFile {
  try {
    // A device or a pipe (/dev/zero) would be read for ever; a definition is a file of kilobytes.
    const stat = fs.statSync(file);
    if (!stat.isFile()) return refused(file, 'unreadable', 'not a regular file');
    if (stat.size > MAX_FILE_BYTES) {
      return refused(
        file,
        'too-large',
        `${stat.size} bytes; a definition file has at most ${MAX_FILE_BYTES}`,
      );
    }
    return fs.readFileSync(file, 'utf8');
  } catch (e) {
    return refused(file, 'unreadable', (e as Error).message);
  }
}

/** A value's problems as a definition, against the roles, activities and released definitions. */
export function checkDefinition(value: unknown): CheckedFile {
  const def = value as Partial<ProcessDefinition> | null;
  const named = typeof def?.id === 'string' && typeof def.version === 'number';
  const name = named ? definitionKey(def as ProcessDefinition) : 'the definition';
  const catalog = {
    activities: PROCESS_ACTIVITIES,
    roles: ROLES,
    definitions: [
      ...new Set([...RELEASED_FILES.map((d) => d.id), ...(named ? [def.id as string] : [])]),
    ],
  };
  // An overlay is checked as what it expands to on the released definitions (a draft of a
  // released version takes that version's place).
  let full: unknown = value;
  if (value && typeof value === 'object' && 'extends' in value) {
    const others = RELEASED_FILES.filter((d) => !named || definitionKey(d) !== name);
    const expanded = expandDefinitions([...others, value]);
    if (expanded.problems.length) return { name, problems: expanded.problems };
    full = expanded.definitions.find((d) => definitionKey(d) === name);
  }
  const problems = validateDefinition(full, catalog);
  if (problems.length) return { name, problems };
  return { name, problems, definition: withoutSchemaReference(full as ProcessDefinition) };
}

/** A definition file for export or diff, refused with its problems unless it is valid. */
function readFile(file: string): ProcessDefinition {
  const { name, problems, definition } = checkFile(file);
  if (!definition) {
    throw new Error(
      `${file}: ${name} is invalid\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`,
    );
  }
  return definition;
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
