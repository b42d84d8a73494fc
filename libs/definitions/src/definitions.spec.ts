import fs from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import { CASE_STAGES, FlowElement } from '@sss/domain';
import { KASHIWA, processFor, RELEASED_DEFINITIONS, releasedDefinitions } from './index';

describe('released definitions', () => {
  it('are all valid against the known roles and worker activities', () => {
    expect(() => releasedDefinitions()).not.toThrow();
  });

  it('are valid under the published JSON Schema that editors use', () => {
    const schema = JSON.parse(fs.readFileSync('schemas/process-definition.schema.json', 'utf8'));
    const validate = new Ajv2020({ discriminator: true, allErrors: true }).compile(schema);
    for (const def of RELEASED_DEFINITIONS) {
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
});
