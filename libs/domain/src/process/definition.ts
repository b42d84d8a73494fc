/**
 * Process definitions: plain, JSON-serialisable data with BPMN semantics. Developers version them;
 * a running case keeps the definition it started on, pinned into its workflow input.
 *
 * The language is spelled once, here, as TypeBox schemas, and the TypeScript types are derived
 * from them with `Static<>`. TypeBox because its values already are JSON Schema: the published
 * schema (`definition-schema.ts`, committed as `schemas/process-definition.schema.json`) is these
 * objects with two mechanical rewrites, and Ajv validates against exactly that. A schema builder
 * that converts (zod's `toJSONSchema`) or a generator reading the TypeScript types would add a
 * translation step whose output could differ from what the types say; here nothing can drift.
 * The descriptions are what editors show when a file names the schema.
 */
import { Static, TSchema, TProperties, Type } from '@sinclair/typebox';

/** Objects of the language allow no property they do not declare: a misspelt one is an error. */
const closed = <P extends TProperties>(properties: P, description?: string) =>
  Type.Object(properties, { additionalProperties: false, ...(description && { description }) });
const optional = <T extends TSchema>(schema: T, description: string) =>
  Type.Optional({ ...schema, description } as T);
const text = (description: string) => Type.String({ description });

const ConditionSchema = Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Boolean()], {
  description: 'A JSON Logic expression (https://jsonlogic.com), or true / false',
});
/** A JSON Logic expression (https://jsonlogic.com): data, never code, so it is safe to evaluate. */
export type Condition = Static<typeof ConditionSchema>;

/** Longer than any duration needs; the ISO parser's regular expression is slow on long strings. */
const DURATION_MAX_LENGTH = 40;
const DurationSchema = Type.String({
  maxLength: DURATION_MAX_LENGTH,
  description: "ISO 8601 duration (P14D, PT2H, P3M) or 'N working days'",
});
/** ISO 8601 duration, e.g. `P14D`, `PT2H`, `P3M`. */
export type Duration = Static<typeof DurationSchema>;

/** A string out of a closed list; published as `enum`, so a validator names the values allowed. */
const oneOf = <T extends string>(values: readonly T[], description: string) =>
  Type.Unsafe<T>({ type: 'string', enum: [...values], description });

/** What a form field may carry; a variable may also hold an object. */
export const FIELD_TYPES = ['string', 'number', 'boolean', 'date', 'duration', 'string[]'] as const;
export type VariableType = (typeof FIELD_TYPES)[number] | 'object';

const VariableDeclarationSchema = closed({
  type: oneOf<VariableType>([...FIELD_TYPES, 'object'], 'What the variable holds'),
  enum: optional(Type.Array(Type.String()), 'For strings: the values allowed'),
  description: optional(Type.String(), 'What the variable means, for readers'),
});
export type VariableDeclaration = Static<typeof VariableDeclarationSchema>;

const FormFieldSchema = closed(
  {
    type: oneOf(FIELD_TYPES, 'What the field carries'),
    required: optional(Type.Boolean(), 'The task cannot be completed without it'),
    enum: optional(Type.Array(Type.String()), 'For strings: the values allowed'),
  },
  "A field of a user task's completion; it becomes (or overwrites) the process variable of its name",
);
/** Fields a user task's completion carries; each becomes (or overwrites) a process variable. */
export type FormField = Static<typeof FormFieldSchema>;

const TimerDefinitionSchema = closed({
  duration: optional(DurationSchema, 'Fires this long after the element is reached'),
  date: optional(Type.String(), 'Fires at this instant (ISO 8601 date-time)'),
  dateVariable: optional(Type.String(), 'Fires at the date held by this variable'),
  durationVariable: optional(
    Type.String(),
    'Fires after the duration held by this variable (e.g. the interval a support plan sets)',
  ),
  cycle: optional(
    closed({
      every: DurationSchema,
      times: optional(Type.Integer({ minimum: 1 }), 'At most this often (unbounded when absent)'),
    }),
    'Fires every `every`, at most `times` times: a BPMN timer cycle',
  ),
});
export type TimerDefinition = Static<typeof TimerDefinitionSchema>;

const MessageDefinitionSchema = closed({ name: text('The message awaited') });
export type MessageDefinition = Static<typeof MessageDefinitionSchema>;

const elementBase = {
  id: text('Unique in the definition; an XML name (letters, digits, -, _, .)'),
  name: optional(Type.String(), 'What developers call the step (English)'),
  nameJa: optional(
    Type.String(),
    'What staff call the step (Japanese): used in mail, inbox notices and the case view',
  ),
  stage: optional(
    Type.String(),
    'The case stage this element belongs to; shown to coordinators and in search attributes',
  ),
};

const recipientProperties = {
  to: text("A role, or (for a task's reminders) `assignee`"),
  agencies: optional(
    Type.String(),
    "With to: agency_staff, a string[] variable listing the agencies meant (a meeting's attendees); without it, the agencies the case's plan gives the role",
  ),
};
const RecipientSchema = closed(recipientProperties, 'Who a notice goes to');
/** Who a notice goes to. */
export type Recipient = Static<typeof RecipientSchema>;

const ReminderSchema = closed({
  ...recipientProperties,
  before: optional(DurationSchema, 'This long before the due date (or the event)'),
  every: optional(DurationSchema, 'Repeating this often after the due date while the task is open'),
});
export type Reminder = Static<typeof ReminderSchema>;

const EscalationStepSchema = closed({
  after: {
    ...DurationSchema,
    description: "How long after the due date (or the task's opening) this step is reached",
  },
  to: text('Who the case escalates to at this step (e.g. coordinator, then manager)'),
});
export type EscalationStep = Static<typeof EscalationStepSchema>;

const InputSchema = Type.Record(
  Type.String(),
  Type.Union([ConditionSchema, Type.String(), Type.Number()]),
  { description: 'Parameter name → JSON Logic expression over the variables, or a constant' },
);
const OutputSchema = Type.Record(Type.String(), Type.String(), {
  description: "Variable name → key of the result's object",
});

const StartEventSchema = closed({ ...elementBase, type: Type.Literal('startEvent') });
export type StartEvent = Static<typeof StartEventSchema>;

const EndOutcomeSchema = oneOf(
  ['completed', 'suspended', 'terminated'],
  'completed ends this path; suspended and terminated end the whole process at once',
);
export type EndOutcome = Static<typeof EndOutcomeSchema>;

const EndEventSchema = closed({
  ...elementBase,
  type: Type.Literal('endEvent'),
  outcome: EndOutcomeSchema,
  escalation: optional(
    Type.String(),
    "Throws this escalation to the enclosing sub-process's escalation boundary events",
  ),
});
export type EndEvent = Static<typeof EndEventSchema>;

const UserTaskSchema = closed({
  ...elementBase,
  type: Type.Literal('userTask'),
  candidateRole: text('The role that may complete the task'),
  form: optional(
    Type.Record(Type.String(), FormFieldSchema),
    'Variable name → the field the completion carries',
  ),
  dueIn: optional(DurationSchema, 'Due this long after the task opens'),
  dueInVariable: optional(Type.String(), 'Or: due after the duration held by this variable'),
  reminders: optional(Type.Array(ReminderSchema), 'Reminders before or after the due date'),
  escalation: optional(Type.Array(EscalationStepSchema), 'Escalation steps after the due date'),
  escalationFrom: optional(
    oneOf(['due', 'opened'], 'due (default) or opened'),
    "What the escalation steps' `after` counts from: the due date, or when the task opened (a task opened by something having gone wrong, such as lost contact)",
  ),
});
export type UserTask = Static<typeof UserTaskSchema>;

const ServiceTaskSchema = closed({
  ...elementBase,
  type: Type.Literal('serviceTask'),
  activity: text('The name of an activity the worker registers'),
  input: Type.Optional(InputSchema),
  output: Type.Optional(OutputSchema),
});
export type ServiceTask = Static<typeof ServiceTaskSchema>;

const ExclusiveGatewaySchema = closed({
  ...elementBase,
  type: Type.Literal('exclusiveGateway'),
  default: optional(Type.String(), 'The flow taken when no condition holds'),
});
export type ExclusiveGateway = Static<typeof ExclusiveGatewaySchema>;

const ParallelGatewaySchema = closed({
  ...elementBase,
  type: Type.Literal('parallelGateway'),
});
export type ParallelGateway = Static<typeof ParallelGatewaySchema>;

const EventBasedGatewaySchema = closed({
  ...elementBase,
  type: Type.Literal('eventBasedGateway'),
});
export type EventBasedGateway = Static<typeof EventBasedGatewaySchema>;

const IntermediateCatchEventSchema = closed({
  ...elementBase,
  type: Type.Literal('intermediateCatchEvent'),
  timer: Type.Optional(TimerDefinitionSchema),
  message: Type.Optional(MessageDefinitionSchema),
  invite: optional(
    Type.Array(RecipientSchema),
    'For a timer event (a meeting day): who is invited when the wait begins, again on each new date',
  ),
  reminders: optional(
    Type.Array(ReminderSchema),
    'For a timer event: reminded `before` it, on the latest working moment on or before',
  ),
  notify: optional(
    Type.Array(RecipientSchema),
    'Who is told when the event happens (a meeting called off)',
  ),
});
export type IntermediateCatchEvent = Static<typeof IntermediateCatchEventSchema>;

const BoundaryEventSchema = closed({
  ...elementBase,
  type: Type.Literal('boundaryEvent'),
  attachedTo: text('The activity this event is attached to'),
  interrupting: optional(
    Type.Boolean(),
    'Interrupting (default) cancels the activity it is attached to; otherwise both go on',
  ),
  timer: Type.Optional(TimerDefinitionSchema),
  message: Type.Optional(MessageDefinitionSchema),
  escalation: optional(
    closed({ code: optional(Type.String(), 'The escalation caught: any when absent') }),
    'Catches an escalation thrown inside the sub-process',
  ),
});
export type BoundaryEvent = Static<typeof BoundaryEventSchema>;

const CallActivitySchema = closed({
  ...elementBase,
  type: Type.Literal('callActivity'),
  calledElement: text('Another definition, run as a child process'),
  version: Type.Union([Type.Literal('latest'), Type.Integer({ minimum: 1 })], {
    description: '`latest` binds at the time the parent starts; a number pins that version',
  }),
  input: Type.Optional(InputSchema),
  output: Type.Optional(OutputSchema),
});
export type CallActivity = Static<typeof CallActivitySchema>;

const SequenceFlowSchema = closed({
  id: text('Unique in the definition; an XML name'),
  source: text('The element the flow leaves'),
  target: text('The element the flow leads to'),
  condition: optional(ConditionSchema, 'For flows out of an exclusive gateway'),
  name: optional(Type.String(), 'A label for the diagram'),
});
export type SequenceFlow = Static<typeof SequenceFlowSchema>;

/**
 * Every element, told apart by `type`. The discriminator lets a validator check an element only
 * against the shape its `type` names, and say so when the type itself is unknown.
 */
export const FlowElementSchema = Type.Recursive(
  (Element) =>
    Type.Union(
      [
        StartEventSchema,
        EndEventSchema,
        UserTaskSchema,
        ServiceTaskSchema,
        ExclusiveGatewaySchema,
        ParallelGatewaySchema,
        EventBasedGatewaySchema,
        IntermediateCatchEventSchema,
        BoundaryEventSchema,
        CallActivitySchema,
        closed({
          ...elementBase,
          type: Type.Literal('subProcess'),
          elements: Type.Array(Element, { description: 'The elements of the sub-process' }),
          flows: Type.Array(SequenceFlowSchema, { description: 'The flows between them' }),
        }),
      ],
      { discriminator: { propertyName: 'type' } },
    ),
  { $id: 'FlowElement' },
);
export type FlowElement = Static<typeof FlowElementSchema>;
export type SubProcess = Extract<FlowElement, { type: 'subProcess' }>;
export type ElementType = FlowElement['type'];
export const ELEMENT_TYPES = (
  FlowElementSchema.anyOf as { properties: { type: { const: ElementType } } }[]
).map((s) => s.properties.type.const);

export const ProcessDefinitionSchema = closed({
  $schema: optional(
    Type.String(),
    'The JSON Schema of this file, for editors; ignored, and dropped before a definition is pinned',
  ),
  id: text('Lower-case letters, digits and dashes; with the version, names the definition'),
  version: Type.Integer({ minimum: 1, description: 'Released versions are never edited' }),
  name: text('What staff and developers call the process'),
  description: optional(Type.String(), 'What the process is for'),
  variables: Type.Record(Type.String(), VariableDeclarationSchema, {
    description: 'Every process variable an element reads or writes',
  }),
  elements: Type.Array(FlowElementSchema, { description: 'The flow elements' }),
  flows: Type.Array(SequenceFlowSchema, { description: 'The sequence flows between them' }),
});
export type ProcessDefinition = Static<typeof ProcessDefinitionSchema>;

const DefinitionReferenceSchema = closed({
  id: text('The id of the definition this one is based on'),
  version: Type.Integer({ minimum: 1, description: 'Its version: a base is always pinned' }),
});

/**
 * A definition stated as its differences from another (a new version, a municipality's variant).
 * The registry expands it into the full definition before it validates and pins it, so a run and
 * its history only ever see full definitions. Applied in this order: `remove`, `change`, `add`.
 */
export const ProcessOverlaySchema = closed(
  {
    $schema: optional(Type.String(), 'The JSON Schema of this file, for editors; ignored'),
    id: text('The id of the definition this file releases (the base id for a new version)'),
    version: Type.Integer({ minimum: 1, description: 'Released versions are never edited' }),
    extends: { ...DefinitionReferenceSchema, description: 'The definition this one differs from' },
    name: optional(Type.String(), "Replaces the base's name"),
    description: optional(Type.String(), "Replaces the base's description"),
    variables: optional(
      Type.Record(Type.String(), Type.Union([VariableDeclarationSchema, Type.Null()])),
      'Variables added or replaced; null removes one',
    ),
    remove: optional(
      Type.Array(Type.String()),
      'Ids of elements or flows (in any sub-process) the definition no longer has',
    ),
    change: optional(
      Type.Record(Type.String(), Type.Record(Type.String(), Type.Unknown())),
      'Element or flow id → a JSON Merge Patch (RFC 7396) of its properties: a value replaces, an object merges, null removes; id, type, elements and flows stay',
    ),
    add: optional(
      Type.Array(
        closed({
          in: optional(
            Type.String(),
            'The sub-process they go into; the process itself when absent',
          ),
          elements: optional(Type.Array(FlowElementSchema), 'Elements added'),
          flows: optional(Type.Array(SequenceFlowSchema), 'Flows added'),
        }),
      ),
      'Elements and flows the base does not have',
    ),
  },
  'A definition stated as how it differs from its base (`extends`)',
);
export type ProcessOverlay = Static<typeof ProcessOverlaySchema>;
/** What a definition file holds: a full definition, or an overlay on another. */
export type DefinitionFile = ProcessDefinition | ProcessOverlay;

export function isOverlay(file: DefinitionFile): file is ProcessOverlay {
  return 'extends' in file;
}

export function definitionKey(def: { id: string; version: number }): string {
  return `${def.id}@${def.version}`;
}

/** The definition as it is pinned: without the `$schema` reference meant for editors. */
export function withoutSchemaReference(def: ProcessDefinition): ProcessDefinition {
  if (def.$schema === undefined) return def;
  const { $schema: _reference, ...rest } = def;
  return rest;
}
