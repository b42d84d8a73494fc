import fs from 'node:fs';
import { createHash } from 'node:crypto';
import Ajv2020 from 'ajv/dist/2020';
import { CASE_STAGES, diffDefinitions, FlowElement, formatChange } from '@sss/domain';
import { KASHIWA, processFor, RELEASED_FILES, releasedDefinitions } from './index';

/** sha256 of each file as released at 2156e49; a released file never changes. */
const RELEASED_FILE_HASHES: Record<string, string> = {
  'libs/definitions/src/collaboration-kashiwa/v1.json':
    '643eef6a2626eff9ac027fe0cbd6d8d80772e7c10fd177f74b2ef0c3ddf3cfd2',
  'libs/definitions/src/collaboration-kashiwa/v2.json':
    'dd9415f4b34cd5ec6035719b682ce4ad7776e5d923d3b4fc8899647469284032',
  'libs/definitions/src/collaboration/v1.json':
    '5189a482a30f189c3fd583f716dbc6132b1acae17be09df1ae335fa80a5cda52',
  'libs/definitions/src/collaboration/v2.json':
    'be24f3bccedf13aa069b503d9d75637c6aa41b74599b3c59a7cf1a94193c6051',
  'libs/definitions/src/meeting/v1.json':
    '221032c851e85b78bcb76693c758d0af725b11815f2c9a79210dc2ba98acb69f',
  'libs/definitions/src/meeting/v2.json':
    'e2f51e60697088618f0ee287ac06d69c2f155e76f4b6ec003d50ef0a161624d8',
  'libs/definitions/src/outreach/v1.json':
    '67194219a7adcb10e34c39284c57d692a1b2835b359cb4e9beb4d6785dd890b9',
  'libs/definitions/src/participation/v1.json':
    '68d84846f1202907ae95d8db5d764eb395fce4bfca33e7e28502ac383de7379c',
};

describe('released definitions', () => {
  it('are all valid against the known roles and worker activities', () => {
    expect(() => releasedDefinitions()).not.toThrow();
  });

  it('are valid under the published JSON Schema that editors use', () => {
    const schema = JSON.parse(fs.readFileSync('schemas/process-definition.schema.json', 'utf8'));
    const validate = new Ajv2020({ discriminator: true, allErrors: true }).compile(schema);
    for (const def of RELEASED_FILES) {
      validate(def);
      expect({ def: `${def.id}@${def.version}`, errors: validate.errors ?? [] }).toEqual({
        def: `${def.id}@${def.version}`,
        errors: [],
      });
    }
  });

  it('include the reusable meeting sub-process', () => {
    expect(releasedDefinitions().versions('meeting')).toEqual([1, 2]);
  });

  it("have new cases' meetings invite and remind their attendees (the latest meeting)", () => {
    const registry = releasedDefinitions();
    const meeting = registry.get('meeting');
    const day = meeting.elements.find((e) => e.id === 'meetingDay');
    expect(day).toMatchObject({ invite: [{ to: 'agency_staff', agencies: 'attendees' }] });
    for (const id of ['collaboration', 'collaboration-kashiwa', 'outreach']) {
      const pinned = registry.pin(id);
      const meetings = Object.keys(pinned.definitions).filter((k) => k.startsWith('meeting@'));
      expect({ id, meetings }).toEqual({ id, meetings: [`meeting@${meeting.version}`] });
    }
  });
});

describe('stages', () => {
  it('are the case stages coordinators and managers know', () => {
    const stages = (elements: FlowElement[]): string[] =>
      elements.flatMap((e) => [
        ...(e.stage ? [e.stage] : []),
        ...(e.type === 'subProcess' ? stages(e.elements) : []),
      ]);
    for (const def of releasedDefinitions().all()) {
      for (const stage of stages(def.elements)) {
        expect(CASE_STAGES).toContain(stage);
      }
    }
  });
});

describe('processFor', () => {
  it('gives Kashiwa its variant and every other municipality the default', () => {
    expect(processFor(KASHIWA, 'collaboration')).toBe('collaboration-kashiwa');
    expect(processFor('142042', 'collaboration')).toBe('collaboration');
  });

  it("has Kashiwa's outreach hand over to Kashiwa's collaboration flow, pinned at the start", () => {
    const registry = releasedDefinitions();
    const kashiwa = registry.pin(processFor(KASHIWA, 'outreach') as string);
    expect(kashiwa.root).toBe('outreach-kashiwa@1');
    expect(kashiwa.bindings['collaboration-kashiwa@latest']).toBe('collaboration-kashiwa@3');
    expect(Object.keys(kashiwa.definitions)).not.toContain('collaboration@3');
    const kamakura = registry.pin(processFor('142042', 'outreach') as string);
    expect(kamakura.bindings['collaboration@latest']).toBe('collaboration@3');
  });
});

describe('overlays among the released versions', () => {
  const registry = releasedDefinitions();

  it("make Kashiwa's variant the Kamakura flow with the block meeting deciding the plan", () => {
    const changes = diffDefinitions(
      registry.get('collaboration', 3),
      registry.get('collaboration-kashiwa', 3),
    );
    expect(changes.map(formatChange)).toEqual([
      expect.stringContaining('name'),
      expect.stringContaining('description'),
      '~ element planMeeting: input.kind "multilayer_meeting" -> "block_meeting"',
      '~ element planMeeting: nameJa "プランを決定する重層的支援会議" -> "プランを決定するブロック会議"',
      '~ element planMeetingRecorded: input.kind "multilayer_meeting" -> "block_meeting"',
    ]);
    const plan = registry
      .get('collaboration-kashiwa', 3)
      .elements.find((e) => e.id === 'planMeeting');
    expect(plan).toMatchObject({ input: { kind: 'block_meeting' }, version: 'latest' });
  });

  it('leave every released file as it was released (their bytes are pinned in histories)', () => {
    for (const [file, hash] of Object.entries(RELEASED_FILE_HASHES)) {
      const actual = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
      expect({ file, hash: actual }).toEqual({ file, hash });
    }
  });
});
