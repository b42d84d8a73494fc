import { ROLES } from '@sss/domain';
import { PROCESS_ACTIVITIES } from '@sss/workflows/process/process-activities';
import { SSS_NAMESPACE } from './sss-moddle';

/**
 * Camunda Modeler element templates (Camunda 7 template schema) that offer our attributes as
 * fields, with the roles and activities the product knows as dropdowns. Built from the lists they
 * offer, so they cannot go stale; `libs/bpmn/element-templates/sss-case-engine.json` is this value,
 * kept current by a test (`npm run process -- templates -o <file>` writes it).
 */
export function elementTemplates(): Record<string, unknown>[] {
  const attribute = (label: string, name: string, description: string, extra = {}) => ({
    label,
    description,
    type: 'String',
    binding: { type: 'property', name: `sss:${name}` },
    ...extra,
  });
  const choices = (values: readonly string[]) => ({
    type: 'Dropdown',
    choices: values.map((value) => ({ name: value, value })),
  });
  const stage = attribute(
    'Stage',
    'stage',
    'The case stage this element belongs to, shown to coordinators',
  );
  const nameJa = attribute(
    'Japanese name',
    'nameJa',
    'The name staff read in mail, inbox notices and the case view (the BPMN name stays English)',
  );
  const template = (id: string, name: string, appliesTo: string, properties: object[]) => ({
    $schema: 'https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json',
    id: `${SSS_NAMESPACE}/${id}`,
    name,
    version: 1,
    appliesTo: [appliesTo],
    properties,
  });
  return [
    template('user-task', 'SSS user task', 'bpmn:UserTask', [
      attribute('Candidate role', 'candidateRole', 'The role that may complete the task', {
        ...choices(ROLES),
        constraints: { notEmpty: true },
      }),
      attribute('Due in', 'dueIn', "ISO 8601 duration (P14D) or 'N working days'"),
      attribute('Due in (variable)', 'dueInVariable', 'Or: the variable holding the duration'),
      attribute(
        'Escalate from',
        'escalationFrom',
        'When escalation counts from: the due date, or opened',
        {
          ...choices(['due', 'opened']),
        },
      ),
      stage,
      nameJa,
    ]),
    template('service-task', 'SSS service task', 'bpmn:ServiceTask', [
      attribute('Activity', 'activity', 'The worker activity the task runs', {
        ...choices(PROCESS_ACTIVITIES),
        constraints: { notEmpty: true },
      }),
      stage,
      nameJa,
    ]),
    template('call-activity', 'SSS call activity', 'bpmn:CallActivity', [
      attribute('Called version', 'calledVersion', '`latest`, or the version number to pin', {
        value: 'latest',
        constraints: {
          notEmpty: true,
          pattern: { value: '^(latest|[1-9][0-9]*)$', message: 'latest or a version number' },
        },
      }),
      stage,
      nameJa,
    ]),
    template('end-event', 'SSS end event', 'bpmn:EndEvent', [
      attribute(
        'Outcome',
        'outcome',
        'completed ends this path; suspended and terminated end the process',
        {
          ...choices(['completed', 'suspended', 'terminated']),
          value: 'completed',
        },
      ),
      stage,
      nameJa,
    ]),
    template('process', 'SSS process', 'bpmn:Process', [
      attribute('Version', 'version', 'The definition version (released versions never change)', {
        value: '1',
        constraints: {
          notEmpty: true,
          pattern: { value: '^[1-9][0-9]*$', message: 'a version number' },
        },
      }),
    ]),
  ];
}
