import { RELEASED_DEFINITIONS } from '@sss/definitions';
import { ROLES, validateDefinition, withoutSchemaReference } from '@sss/domain';
import { PROCESS_ACTIVITIES } from '@sss/workflows/process/process-activities';
import { toBpmnXml } from './bpmn-export';
import { fromBpmnXml } from './bpmn-import';

const catalog = {
  activities: PROCESS_ACTIVITIES,
  roles: ROLES,
  definitions: [...new Set(RELEASED_DEFINITIONS.map((d) => d.id))],
};

/** A BPMN file around one process body, as a modeler would write it. */
const bpmn = (body: string, process = 'id="Process_tiny" sss:version="1" name="Tiny"') =>
  `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
  xmlns:sss="https://sss.example.jp/schemas/bpmn/1.0" id="d" targetNamespace="urn:x">
  <bpmn:process ${process}>${body}</bpmn:process>
</bpmn:definitions>`;

const rules = async (xml: string) => (await fromBpmnXml(xml)).problems.map((p) => p.rule);

describe('BPMN import', () => {
  it.each(RELEASED_DEFINITIONS.map((d) => [`${d.id}@${d.version}`, d] as const))(
    'gives back %s exactly from its export, and it validates',
    async (_key, def) => {
      const imported = await fromBpmnXml(await toBpmnXml(def));
      expect(imported.problems).toEqual([]);
      expect(imported.definition).toStrictEqual(withoutSchemaReference(def));
      expect(validateDefinition(imported.definition, catalog)).toEqual([]);
    },
  );

  it("keeps a meeting's invitations, event reminders and notices in the export", async () => {
    const meeting = RELEASED_DEFINITIONS.find((d) => d.id === 'meeting' && d.version === 2)!;
    const xml = await toBpmnXml(meeting);
    expect(xml).toMatch(/<sss:invite to="[a-z_]+" agencies="[A-Za-z]+" \/>/);
    expect(xml).toMatch(/<sss:reminder to="[a-z_]+" [^>]*before="1 working day"/);
    expect(xml).toMatch(/<sss:notify to="[a-z_]+"/);
  });

  it('reads a minimal hand-written process and says the file has no diagram of its own', async () => {
    const imported = await fromBpmnXml(
      bpmn(`<bpmn:startEvent id="s" /><bpmn:endEvent id="e" />
        <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="e" />`),
    );
    expect(imported).toStrictEqual({
      problems: [],
      drawn: false,
      definition: {
        id: 'tiny',
        version: 1,
        name: 'Tiny',
        variables: {},
        elements: [
          { id: 's', type: 'startEvent' },
          { id: 'e', type: 'endEvent', outcome: 'completed' },
        ],
        flows: [{ id: 'f', source: 's', target: 'e' }],
      },
    });
  });

  it.each([
    ['text that is not XML', 'not a process', 'not-bpmn'],
    ['an empty file', '', 'not-bpmn'],
    ['XML that is not BPMN', '<html><body/></html>', 'not-bpmn'],
    [
      'a flow to an element that does not exist',
      bpmn(
        '<bpmn:sequenceFlow id="f" sourceRef="s" targetRef="nowhere" /><bpmn:startEvent id="s" />',
      ),
      'not-bpmn',
    ],
    ['no process', bpmn('').replace(/<bpmn:process[^]*<\/bpmn:process>/, ''), 'one-process'],
    ['a process id without its prefix', bpmn('', 'id="tiny" sss:version="1"'), 'process-id'],
    ['a process without a version', bpmn('', 'id="Process_tiny"'), 'missing-version'],
    ['a BPMN element we do not run', bpmn('<bpmn:scriptTask id="t" />'), 'unsupported-element'],
    [
      'an event sub-process',
      bpmn('<bpmn:subProcess id="t" triggeredByEvent="true" />'),
      'unsupported-element',
    ],
    [
      'a signal start event',
      bpmn('<bpmn:startEvent id="s"><bpmn:signalEventDefinition /></bpmn:startEvent>'),
      'unsupported-event',
    ],
    [
      'a condition that is not JSON',
      bpmn(
        '<bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="s"><bpmn:conditionExpression>${ok}</bpmn:conditionExpression></bpmn:sequenceFlow>',
      ),
      'not-json',
    ],
    [
      'a service input that is not JSON',
      bpmn(
        '<bpmn:serviceTask id="t" sss:activity="recordReferral"><bpmn:extensionElements><sss:input name="x">visit</sss:input></bpmn:extensionElements></bpmn:serviceTask>',
      ),
      'not-json',
    ],
    [
      'a timer cycle that is not R<n>/<duration>',
      bpmn(
        '<bpmn:intermediateCatchEvent id="w"><bpmn:timerEventDefinition><bpmn:timeCycle>weekly</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>',
      ),
      'timer-cycle',
    ],
    [
      'an empty timer',
      bpmn(
        '<bpmn:intermediateCatchEvent id="w"><bpmn:timerEventDefinition /></bpmn:intermediateCatchEvent>',
      ),
      'timer',
    ],
    [
      'a message event without its message',
      bpmn(
        '<bpmn:intermediateCatchEvent id="w"><bpmn:messageEventDefinition /></bpmn:intermediateCatchEvent>',
      ),
      'message-ref',
    ],
    [
      'a form field on a service task',
      bpmn(
        '<bpmn:serviceTask id="t"><bpmn:extensionElements><sss:formField name="x" type="string" /></bpmn:extensionElements></bpmn:serviceTask>',
      ),
      'misplaced-extension',
    ],
    [
      'a call activity naming a process without its prefix',
      bpmn('<bpmn:callActivity id="c" calledElement="meeting" sss:calledVersion="2" />'),
      'called-element',
    ],
  ])('refuses %s with a finding, not an exception', async (_what, xml, rule) => {
    expect(await rules(xml)).toContain(rule);
  });

  it('leaves what the XML cannot say wrongly to the validator, which names element and property', async () => {
    const { definition, problems } = await fromBpmnXml(
      bpmn(`<bpmn:startEvent id="s" /><bpmn:userTask id="t" sss:dueIn="soon" />
        <bpmn:callActivity id="c" calledElement="Process_meeting" sss:calledVersion="newest" />
        <bpmn:endEvent id="e" sss:outcome="finished" />`),
    );
    expect(problems).toEqual([]);
    const found = validateDefinition(definition, catalog).map((p) => p.path ?? p.element);
    expect(found).toEqual(
      expect.arrayContaining([
        '/elements/1/candidateRole',
        '/elements/2/version',
        '/elements/3/outcome',
      ]),
    );
  });
});
