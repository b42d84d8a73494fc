import type { ModdleElement } from 'bpmn-moddle';
import { RELEASED_DEFINITIONS } from '@sss/definitions';
import { toBpmnXml } from './bpmn-export';
import { drawnByPlane, overlappingPairs } from './label-bounds';
import { sssModdle } from './sss-moddle';

/** Each plane's shapes and labels as the exported DI places them (labels sized generously). */
async function overlapsInExport(xml: string): Promise<string[]> {
  const { rootElement } = await sssModdle().fromXML(xml);
  return (rootElement.diagrams as ModdleElement[]).flatMap((diagram) =>
    drawnByPlane(((diagram.plane as ModdleElement).planeElement as ModdleElement[]) ?? []).flatMap(
      overlappingPairs,
    ),
  );
}

describe('generated layout', () => {
  it.each(RELEASED_DEFINITIONS.map((d) => [`${d.id}@${d.version}`, d] as const))(
    '%s: no flow name lies on a shape or another label',
    async (_key, def) => {
      expect(await overlapsInExport(await toBpmnXml(def))).toEqual([]);
    },
  );
});
