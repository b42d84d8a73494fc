import fs from 'node:fs';
import type { ModdleElement } from 'bpmn-moddle';
import { releasedDefinitions } from '@sss/definitions';
import { caseDiagramXml } from './case-diagram';
import { sssModdle } from './sss-moddle';

const registry = releasedDefinitions();

async function shapes(xml: string) {
  const { rootElement } = await sssModdle().fromXML(xml);
  const all = (rootElement.diagrams as ModdleElement[]).flatMap(
    (d) => (d.plane as ModdleElement).planeElement as ModdleElement[],
  );
  return new Map(all.map((s) => [(s.bpmnElement as ModdleElement).id!, s]));
}

describe("a case's diagram", () => {
  it('marks each element done, open or overdue, on the element and in colour on its shape', async () => {
    const xml = await caseDiagramXml(registry.get('outreach', 1), {
      done: ['start', 'recordReferral'],
      open: [],
      overdue: ['visit'],
    });
    expect(xml).toMatch(/<bpmn:userTask id="visit"[^>]* sss:state="overdue"/);
    expect(xml).toMatch(/<bpmn:serviceTask id="recordReferral"[^>]* sss:state="done"/);
    expect(xml).not.toMatch(/id="visitLogged"[^>]* sss:state=/);
    const visit = (await shapes(xml)).get('visit')!;
    expect([visit['background-color'], visit['border-color']]).toEqual(['#fde7e7', '#b3261e']);
  });

  it('keeps the layout of a definition drawn in a modeler', async () => {
    const drawn = await shapes(fs.readFileSync('libs/definitions/src/community/v1.bpmn', 'utf8'));
    const diagram = await shapes(
      await caseDiagramXml(registry.get('community', 1), {
        done: [],
        open: ['visit'],
        overdue: [],
      }),
    );
    for (const [id, shape] of drawn) {
      expect({ id, bounds: { ...(diagram.get(id)?.bounds as object) } }).toEqual({
        id,
        bounds: { ...(shape.bounds as object) },
      });
    }
  });
});
