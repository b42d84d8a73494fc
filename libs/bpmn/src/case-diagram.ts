import fs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { ModdleElement } from 'bpmn-moddle';
import { definitionKey, withoutSchemaReference } from '@sss/domain';
import type { ProcessDefinition, ProcessStanding } from '@sss/domain';
import { toBpmnXml } from './bpmn-export';
import { fromBpmnXml } from './bpmn-import';
import { sssModdle } from './sss-moddle';

/** bpmn.io's colour attributes, which bpmn-js and Camunda Modeler render. */
const COLOURS: Record<keyof ProcessStanding, { fill: string; stroke: string }> = {
  done: { fill: '#e3f1e6', stroke: '#1d6b35' },
  open: { fill: '#e5eefc', stroke: '#1a4fb8' },
  overdue: { fill: '#fde7e7', stroke: '#b3261e' },
};
const PRECEDENCE = ['done', 'open', 'overdue'] as const;

/**
 * The definition's diagram with where a case stands: each element done, open or overdue carries
 * `sss:state` (for programs) and bpmn.io colours on its shape (for people). A definition drawn in
 * a modeler keeps its drawn layout; the others get the generated one.
 */
export async function caseDiagramXml(
  def: ProcessDefinition,
  standing: ProcessStanding,
): Promise<string> {
  const moddle = sssModdle();
  const xml = await laidOut(def);
  const { rootElement } = await moddle.fromXML(xml);
  const state = new Map<string, keyof ProcessStanding>();
  for (const kind of PRECEDENCE) for (const id of standing[kind]) state.set(id, kind);

  const visit = (container: ModdleElement) => {
    for (const el of list(container.flowElements)) {
      const kind = el.id && state.get(el.id);
      if (kind) el.state = kind;
      visit(el);
    }
  };
  for (const root of list(rootElement.rootElements)) visit(root);
  for (const diagram of list(rootElement.diagrams)) {
    for (const shape of list((diagram.plane as ModdleElement).planeElement)) {
      const id = (shape.bpmnElement as ModdleElement | undefined)?.id;
      const kind = id && shape.$type === 'bpmndi:BPMNShape' && state.get(id);
      if (!kind) continue;
      shape['background-color'] = COLOURS[kind].fill;
      shape['border-color'] = COLOURS[kind].stroke;
    }
  }
  return (await moddle.toXML(rootElement, { format: true })).xml;
}

/** Released definitions never change, so neither does their diagram: laid out once per process. */
const layouts = new Map<string, Promise<string>>();

function laidOut(def: ProcessDefinition): Promise<string> {
  const key = definitionKey(def);
  if (!layouts.has(key)) {
    const xml = drawnXml(def).then((drawn) => drawn ?? toBpmnXml(def));
    // A failure is not kept: the next request tries again.
    layouts.set(
      key,
      xml.catch((e: unknown) => (layouts.delete(key), Promise.reject(e))),
    );
  }
  return layouts.get(key)!;
}

/**
 * The drawing a definition was made from (`<id>/v<version>.bpmn` beside its JSON), when it still
 * imports to exactly this definition; a drawing that has drifted from its JSON is not shown.
 */
export async function drawnXml(def: ProcessDefinition): Promise<string | undefined> {
  const file = path.resolve(__dirname, '../../definitions/src', def.id, `v${def.version}.bpmn`);
  if (!fs.existsSync(file)) return undefined;
  const xml = fs.readFileSync(file, 'utf8');
  const imported = await fromBpmnXml(xml);
  const same =
    imported.drawn && isDeepStrictEqual(imported.definition, withoutSchemaReference(def));
  return same ? xml : undefined;
}

function list(value: unknown): ModdleElement[] {
  return Array.isArray(value) ? (value as ModdleElement[]) : [];
}
