import fc from 'fast-check';
import { RELEASED_DEFINITIONS } from '@sss/definitions';
import { ROLES, validateDefinition } from '@sss/domain';
import { PROCESS_ACTIVITIES } from '@sss/workflows/process/process-activities';
import { toBpmnXml } from './bpmn-export';
import { fromBpmnXml } from './bpmn-import';

/**
 * Property tests over mutated exports, the files an author edits by hand or a modeler writes:
 * whatever the damage (cut short, bytes dropped or inserted, an attribute given any value), the
 * import answers with problems or a value the validator judges, and neither ever throws.
 */
const catalog = {
  activities: PROCESS_ACTIVITIES,
  roles: ROLES,
  definitions: [...new Set(RELEASED_DEFINITIONS.map((d) => d.id))],
};
const RUNS = { numRuns: 150 };
let sources: string[];

beforeAll(async () => {
  const small = RELEASED_DEFINITIONS.filter((d) => ['meeting', 'outreach'].includes(d.id));
  sources = await Promise.all(small.map((d) => toBpmnXml(d)));
});

const junk = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom(
    '<',
    '>',
    '&',
    '"',
    '<bpmn:task id="x">',
    '</bpmn:process>',
    '${',
    '\u0000',
    '&lt;',
  ),
);

/** Replaces the value of the n-th attribute (counted over the file) with `value`. */
function setAttribute(xml: string, n: number, value: string): string {
  let seen = 0;
  return xml.replace(/="([^"]*)"/g, (whole) => (seen++ === n ? `="${value}"` : whole));
}

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('drop' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 200 }),
  }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: junk }),
  fc.record({ kind: fc.constant('attribute' as const), at: fc.nat(), text: junk }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(xml: string, m: Mutation): string {
  const at = m.at % xml.length;
  switch (m.kind) {
    case 'cut':
      return xml.slice(0, at);
    case 'drop':
      return xml.slice(0, at) + xml.slice(at + m.length);
    case 'insert':
      return xml.slice(0, at) + m.text + xml.slice(at);
    case 'attribute':
      return setAttribute(xml, at % 300, m.text.replace(/"/g, '&quot;'));
  }
}

describe('BPMN import of damaged files', () => {
  it('answers every mutation with problems or a definition to validate, never an exception', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), mutation, async (which, m) => {
        const xml = mutate(sources[which % sources.length], m);
        const { definition, problems } = await fromBpmnXml(xml);
        for (const p of problems) {
          expect(typeof p.element).toBe('string');
          expect(p.message.length).toBeGreaterThan(0);
        }
        if (definition) validateDefinition(definition, catalog);
      }),
      RUNS,
    );
  });

  it('finds every unknown role given to a user task', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .stringMatching(/^[a-z_]{1,12}$/)
          .filter((r) => !(ROLES as readonly string[]).includes(r)),
        async (role) => {
          const xml = sources[0].replace(
            /sss:candidateRole="[^"]*"/,
            `sss:candidateRole="${role}"`,
          );
          const { definition, problems } = await fromBpmnXml(xml);
          expect(problems).toEqual([]);
          expect(validateDefinition(definition, catalog).map((p) => p.rule)).toContain(
            'unknown-role',
          );
        },
      ),
      { numRuns: 50 },
    );
  });

  it('refuses input that is not text, or larger than a definition can be, before parsing it', async () => {
    expect((await fromBpmnXml(undefined as never)).problems[0].rule).toBe('not-xml');
    expect((await fromBpmnXml(' '.repeat(5 * 1024 * 1024))).problems[0].rule).toBe('too-large');
  });
});
