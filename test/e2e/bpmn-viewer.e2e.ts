import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { toBpmnXml } from '@sss/bpmn';
import { RELEASED_DEFINITIONS } from '@sss/definitions';
import { overlapsInViewer } from './bpmn-overlaps';
import { ARTIFACTS_DIR, launchChromium } from './browser';

/** The viewer bpmn.io itself runs on: if it renders our export, the export opens in bpmn.io. */
const VIEWER = require.resolve('bpmn-js/dist/bpmn-viewer.production.min.js');

/** The part of the bpmn-js viewer API the test calls. */
interface BpmnViewer {
  importXML(xml: string): Promise<{ warnings: Error[] }>;
  get(service: 'canvas'): { zoom(level: string): void };
  get(service: 'elementRegistry'): { getAll(): { id: string }[] };
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(() => browser?.close());

describe('BPMN export in the bpmn.io viewer', () => {
  it.each(RELEASED_DEFINITIONS.map((d) => [`${d.id}@${d.version}`, d] as const))(
    'renders %s with every element and flow and no import warning',
    async (key, def) => {
      const page = await browser.newPage();
      await page.setContent('<div id="canvas" style="width:1600px;height:900px"></div>');
      await page.addScriptTag({ path: VIEWER });
      const result = await page.evaluate(
        async (xml) => {
          const { BpmnJS } = window as never as { BpmnJS: new (o: object) => BpmnViewer };
          const viewer = new BpmnJS({ container: '#canvas' });
          const { warnings } = await viewer.importXML(xml);
          viewer.get('canvas').zoom('fit-viewport');
          const ids = viewer
            .get('elementRegistry')
            .getAll()
            .map((e) => e.id);
          return { warnings: warnings.map((w) => w.message), ids };
        },
        await toBpmnXml(def),
      );

      expect(result.warnings).toEqual([]);
      expect(result.ids).toEqual(
        expect.arrayContaining([...def.elements, ...def.flows].map((e) => e.id)),
      );
      fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
      await page.screenshot({ path: path.join(ARTIFACTS_DIR, `bpmn-${key}.png`) });
      await page.close();
    },
  );
});

const keyed = (defs: typeof RELEASED_DEFINITIONS) =>
  defs.map((d) => [`${d.id}@${d.version}`, d] as const);

describe('generated BPMN layouts', () => {
  const overlaps = async (def: (typeof RELEASED_DEFINITIONS)[number]) => {
    const page = await browser.newPage();
    await page.setContent('<div id="canvas" style="width:1600px;height:900px"></div>');
    await page.addScriptTag({ path: VIEWER });
    await page.evaluate(
      async (xml) => {
        const w = window as never as { BpmnJS: new (o: object) => BpmnViewer; viewer: BpmnViewer };
        w.viewer = new w.BpmnJS({ container: '#canvas' });
        await w.viewer.importXML(xml);
      },
      await toBpmnXml(def),
    );
    const found = await page.evaluate(overlapsInViewer);
    const width = await page.evaluate(() => {
      const w = window as never as {
        viewer: { get(n: 'canvas'): { viewbox(): { inner: { width: number } } } };
      };
      return w.viewer.get('canvas').viewbox().inner.width;
    });
    await page.close();
    return { found, width };
  };

  it.each(keyed(RELEASED_DEFINITIONS))(
    '%s: no two shapes or labels overlap, on a page no wider than two screens',
    async (_key, def) => {
      const { found, width } = await overlaps(def);
      expect(found).toEqual([]);
      expect(width).toBeLessThanOrEqual(1800);
    },
  );
});
