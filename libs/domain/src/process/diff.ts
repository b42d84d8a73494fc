import diff from 'microdiff';
import type { FlowElement, ProcessDefinition, SequenceFlow } from './definition';

/** One difference between two versions, addressed by what developers recognise: the element id. */
export interface DefinitionChange {
  kind: 'added' | 'removed' | 'changed';
  /** e.g. `element agree`, `flow f3`, `variable agreed`, `name`. */
  subject: string;
  /** The property that changed inside the subject, e.g. `dueIn` or `form.agreed.required`. */
  path?: string;
  before?: unknown;
  after?: unknown;
}

/**
 * What changed from one version of a definition to the next. Elements of embedded sub-processes
 * are compared by id like the top-level ones, so moving a task is shown as what it is.
 */
export function diffDefinitions(a: ProcessDefinition, b: ProcessDefinition): DefinitionChange[] {
  return diff(comparable(a), comparable(b)).map((d) => {
    const [section, key, ...rest] = d.path.map(String);
    const subject = key === undefined ? section : `${SECTION_NAMES[section] ?? section} ${key}`;
    const path = rest.length ? rest.join('.') : undefined;
    const kind = KINDS[d.type];
    return {
      kind,
      subject,
      ...(path ? { path } : {}),
      ...('oldValue' in d ? { before: d.oldValue } : {}),
      ...('value' in d ? { after: d.value } : {}),
    };
  });
}

const KINDS = { CREATE: 'added', REMOVE: 'removed', CHANGE: 'changed' } as const;

const SECTION_NAMES: Record<string, string> = {
  elements: 'element',
  flows: 'flow',
  variables: 'variable',
};

/** The definition with its lists keyed by id, so reordering is not a change. */
function comparable(def: ProcessDefinition) {
  const elements: Record<string, unknown> = {};
  const flows: Record<string, SequenceFlow> = {};
  const collect = (els: FlowElement[], fs: SequenceFlow[], scope?: string) => {
    for (const el of els) {
      if (el.type === 'subProcess') {
        const { elements: inner, flows: innerFlows, ...rest } = el;
        elements[el.id] = { ...rest, ...(scope ? { scope } : {}) };
        collect(inner, innerFlows, el.id);
      } else {
        elements[el.id] = { ...el, ...(scope ? { scope } : {}) };
      }
    }
    for (const f of fs) flows[f.id] = f;
  };
  collect(def.elements, def.flows);
  return {
    name: def.name,
    description: def.description ?? '',
    variables: def.variables,
    elements,
    flows,
  };
}

/** A change as one line for a terminal or a review. */
export function formatChange(c: DefinitionChange): string {
  const sign = { added: '+', removed: '-', changed: '~' }[c.kind];
  const where = c.path ? `${c.subject}: ${c.path}` : c.subject;
  const values =
    c.kind === 'changed'
      ? ` ${JSON.stringify(c.before)} -> ${JSON.stringify(c.after)}`
      : c.kind === 'added' && c.path
        ? ` ${JSON.stringify(c.after)}`
        : '';
  return `${sign} ${where}${values}`;
}
