import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { toBpmnXml } from '@sss/bpmn';
import { RELEASED_DEFINITIONS } from '@sss/definitions';
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
