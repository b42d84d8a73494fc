import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { processCli } from './process-cli';

/** Runs the CLI in-process and returns what it printed and the exit code it asked for. */
async function run(...args: string[]) {
  let out = '';
  let err = '';
  let exitCode = 0;
  try {
    await processCli({ out: (t) => (out += t), err: (t) => (err += t) }).parseAsync(args, {
      from: 'user',
    });
  } catch (e) {
    exitCode = (e as { exitCode: number }).exitCode;
  }
  return { out, err, exitCode };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'process-cli-'));
const write = (name: string, value: unknown) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(value));
  return file;
};
const meeting = JSON.parse(fs.readFileSync('libs/definitions/src/meeting/v1.json', 'utf8'));

describe('process CLI', () => {
  it('lists released definitions with their versions', async () => {
    const { out, exitCode } = await run('list');
    expect(exitCode).toBe(0);
    expect(out).toMatch(/^meeting\t1, 2\t/m);
  });

  it('lists every problem of a bad file with element and rule, and fails', async () => {
    const bad = write('bad.json', {
      ...meeting,
      id: 'bad',
      elements: meeting.elements.map((e: { id: string }) =>
        e.id === 'schedule' ? { ...e, candidateRole: 'wizard', dueIn: 'two weeks' } : e,
      ),
    });
    const { err, exitCode } = await run('validate', bad);
    expect(exitCode).toBe(1);
    expect(err).toContain('bad@1 has 2 problem(s)');
    expect(err).toContain('schedule [unknown-role] role wizard is not known');
    expect(err).toContain("schedule [invalid-duration] dueIn 'two weeks'");
  });

  it('checks an overlay as what it expands to on the released definitions', async () => {
    const overlay = (change: unknown) =>
      write('overlay.json', {
        id: 'meeting',
        version: 9,
        extends: { id: 'meeting', version: 2 },
        change,
      });
    const good = await run('validate', overlay({ schedule: { dueIn: 'P3D' } }));
    expect(good).toMatchObject({ exitCode: 0, out: expect.stringContaining('meeting@9 is valid') });
    const unknown = await run('validate', overlay({ schedul: { dueIn: 'P3D' } }));
    expect(unknown.exitCode).toBe(1);
    expect(unknown.err).toContain(
      '/change/schedul [overlay-unknown-id] meeting@2 has no element or flow schedul',
    );
    const broken = await run('validate', overlay({ schedule: { candidateRole: 'wizard' } }));
    expect(broken.err).toContain('schedule [unknown-role] role wizard is not known');
    const orphan = write('orphan.json', {
      id: 'x',
      version: 1,
      extends: { id: 'nowhere', version: 1 },
    });
    expect((await run('validate', orphan)).err).toContain(
      '/extends [extends-unknown] the base nowhere@1 is not released',
    );
  });

  it('lists the problems of a malformed file by JSON path, without reaching the semantic rules', async () => {
    const bad = write('malformed.json', {
      ...meeting,
      id: 'malformed',
      flows: 'none',
      elements: meeting.elements.map((e: { id: string }) =>
        e.id === 'schedule' ? { ...e, type: 'userTsk' } : e,
      ),
    });
    const { err, exitCode } = await run('validate', bad);
    expect(exitCode).toBe(1);
    expect(err).toContain('malformed@1 has 2 problem(s)');
    expect(err).toContain(
      '  /elements/1/type [unknown-element-type] in schedule: unknown element type "userTsk" (did you mean "userTask"?)',
    );
    expect(err).toContain('  /flows [wrong-type] must be an array, not "none"');
  });

  it('reports files that are missing, not JSON or not a definition, and checks the others', async () => {
    const files = [
      path.join(dir, 'missing.json'),
      path.join(dir, 'truncated.json'),
      write('array.json', [meeting]),
      'libs/definitions/src/meeting/v1.json',
    ];
    fs.writeFileSync(files[1], JSON.stringify(meeting).slice(0, 100));
    const { out, err, exitCode } = await run('validate', ...files);
    expect(exitCode).toBe(1);
    expect(err).toContain(
      `missing.json: the file has 1 problem(s)\n  ${files[0]} [unreadable] ENOENT`,
    );
    expect(err).toMatch(/truncated\.json: the file has 1 problem\(s\)\n {2}\S+ \[not-json\] /);
    expect(err).toContain(
      'array.json: the definition has 1 problem(s)\n  / [wrong-type] must be an object, not an array',
    );
    expect(out).toContain('meeting@1 is valid');
  });

  it('refuses a directory, a device and a file too large to be a definition, without reading them', async () => {
    const huge = path.join(dir, 'huge.json');
    fs.writeFileSync(huge, ' '.repeat(5 * 1024 * 1024));
    const { err, exitCode } = await run('validate', dir, '/dev/zero', huge);
    expect(exitCode).toBe(1);
    expect(err).toContain(
      `${dir}: the file has 1 problem(s)\n  ${dir} [unreadable] not a regular file`,
    );
    expect(err).toContain(
      '/dev/zero: the file has 1 problem(s)\n  /dev/zero [unreadable] not a regular file',
    );
    expect(err).toContain(
      `${huge} [too-large] 5242880 bytes; a definition file has at most 4194304`,
    );
  });

  it('accepts a draft naming the schema for editors, and diffs it without that reference', async () => {
    const draft = write('with-schema.json', {
      $schema: '../../schemas/process-definition.schema.json',
      ...meeting,
    });
    expect((await run('validate', draft)).exitCode).toBe(0);
    expect((await run('diff', 'meeting@1', draft)).out).toBe('no changes\n');
  });

  it('refuses to diff or export an invalid file, naming its problems', async () => {
    const bad = write('bad-draft.json', { ...meeting, elements: 'none' });
    for (const args of [
      ['diff', 'meeting@1', bad],
      ['export', bad],
    ]) {
      const cli = processCli({ out: () => undefined, err: () => undefined });
      await expect(cli.parseAsync(args, { from: 'user' })).rejects.toThrow(
        `${bad}: meeting@1 is invalid\n  /elements [wrong-type] must be an array, not "none"`,
      );
    }
  });

  it('prints the JSON Schema that is committed for editors', async () => {
    const { out } = await run('schema');
    expect(out).toBe(fs.readFileSync('schemas/process-definition.schema.json', 'utf8'));
  });

  it('accepts a sound file saved with a byte order mark', async () => {
    const file = path.join(dir, 'bom.json');
    fs.writeFileSync(file, `\uFEFF${JSON.stringify(meeting)}`);
    expect((await run('validate', file)).out).toContain('meeting@1 is valid');
  });

  it('accepts a sound file', async () => {
    const { out, exitCode } = await run('validate', 'libs/definitions/src/meeting/v1.json');
    expect(exitCode).toBe(0);
    expect(out).toContain('meeting@1 is valid');
  });

  it('shows what changed between a released version and a draft', async () => {
    const draft = write('draft.json', {
      ...meeting,
      version: 2,
      elements: meeting.elements.map((e: { id: string }) =>
        e.id === 'recordOutcome' ? { ...e, dueIn: 'P5D' } : e,
      ),
    });
    const { out } = await run('diff', 'meeting@1', draft);
    expect(out.trim().split('\n')).toEqual(['~ element recordOutcome: dueIn "P3D" -> "P5D"']);
  });

  it('exports BPMN to a file', async () => {
    const file = path.join(dir, 'meeting.bpmn');
    await run('export', 'meeting', '--out', file);
    expect(fs.readFileSync(file, 'utf8')).toContain('<bpmn:process id="Process_meeting"');
  });

  it('imports an exported definition back to the same JSON, to a file', async () => {
    const xml = path.join(dir, 'meeting2.bpmn');
    const json = path.join(dir, 'meeting2.json');
    await run('export', 'meeting@2', '--out', xml);
    const { exitCode } = await run('import', xml, '--out', json);
    expect(exitCode).toBe(0);
    const released = JSON.parse(fs.readFileSync('libs/definitions/src/meeting/v2.json', 'utf8'));
    delete released.$schema;
    expect(JSON.parse(fs.readFileSync(json, 'utf8'))).toStrictEqual(released);
  });

  it('refuses a BPMN file that is not XML, and one whose definition is invalid, naming the problems', async () => {
    const garbage = path.join(dir, 'garbage.bpmn');
    fs.writeFileSync(garbage, '{"id": "not xml"}');
    const notXml = await run('import', garbage);
    expect(notXml.exitCode).toBe(1);
    expect(notXml.err).toContain('[not-bpmn]');

    const exported = path.join(dir, 'wizard.bpmn');
    await run('export', 'meeting@2', '--out', exported);
    fs.writeFileSync(
      exported,
      fs
        .readFileSync(exported, 'utf8')
        .replace('sss:candidateRole="coordinator"', 'sss:candidateRole="wizard"'),
    );
    const invalid = await run('import', exported);
    expect(invalid.exitCode).toBe(1);
    expect(invalid.out).toBe('');
    expect(invalid.err).toContain('[unknown-role] role wizard is not known');
  });
});
