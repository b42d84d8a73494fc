import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { ARTIFACTS_DIR, launchChromium } from './browser';
import { caseSteps, until } from './case-steps';
import { httpClient, tokenFor } from './http';
import { startProduct, Product } from './product';
import { USERS } from './users';

/**
 * GET /v1/cases/{id}/diagram for a case in monitoring whose plan meeting (a child process) has
 * run: the XML marks what is done, open and overdue, and bpmn-js renders it with those colours.
 */
const VIEWER = require.resolve('bpmn-js/dist/bpmn-viewer.production.min.js');
const COLOURS = {
  done: 'rgb(227, 241, 230)',
  open: 'rgb(229, 238, 252)',
  overdue: 'rgb(253, 231, 231)',
};

let product: Product;
let http: ReturnType<typeof httpClient>;
let coordinator: string;
let browser: Browser;

beforeAll(async () => {
  product = await startProduct(`e2e-${randomUUID()}`);
  http = httpClient(product.baseUrl);
  coordinator = await tokenFor(USERS.coordinator);
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

const stateOf = (xml: string, id: string) =>
  new RegExp(`<bpmn:[A-Za-z]+ id="${id}"[^>]*sss:state="([a-z]+)"`).exec(xml)?.[1];

describe("a case's diagram", () => {
  it('shows a case in monitoring: the meeting done, support open, the monitoring overdue', async () => {
    const steps = caseSteps(http, coordinator);
    // Monitoring is due two seconds after support starts, so it is overdue by the time we look.
    const id = await steps.inSupport('PT2S', 'P2M');
    await steps.waitUntilOpen(id, 'monitor');
    await until('the monitoring to be overdue', async () => {
      const tasks = (await http.get(`/v1/cases/${id}`, coordinator)).body.workflow.openTasks;
      return tasks.some((t: { elementId: string; overdue: boolean }) => t.overdue) || undefined;
    });

    const reply = await http.get(`/v1/cases/${id}/diagram`, coordinator);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toMatch(/^application\/xml/);
    const xml = reply.body as string;
    expect({
      assess: stateOf(xml, 'assess'),
      planMeeting: stateOf(xml, 'planMeeting'),
      support: stateOf(xml, 'support'),
      monitor: stateOf(xml, 'monitor'),
      closed: stateOf(xml, 'closed'),
    }).toEqual({
      assess: 'done',
      planMeeting: 'done',
      support: 'open',
      monitor: 'overdue',
      closed: undefined,
    });
    expect(xml).not.toContain('稲村');

    const page = await browser.newPage();
    await page.setContent('<div id="canvas" style="width:1600px;height:900px"></div>');
    await page.addScriptTag({ path: VIEWER });
    const rendered = await page.evaluate(async (diagram) => {
      type Registry = { getGraphics(id: string): SVGElement | undefined; get(id: string): object };
      const { BpmnJS } = window as never as {
        BpmnJS: new (o: object) => {
          importXML(xml: string): Promise<{ warnings: Error[] }>;
          get(name: 'elementRegistry'): Registry;
          get(name: 'canvas'): {
            zoom(level: string): void;
            setRootElement(root: object): void;
            getRootElement(): object;
          };
        };
      };
      const viewer = new BpmnJS({ container: '#canvas' });
      const { warnings } = await viewer.importXML(diagram);
      const canvas = viewer.get('canvas');
      const registry = viewer.get('elementRegistry');
      canvas.zoom('fit-viewport');
      const root = canvas.getRootElement();
      // A sub-process's inside is drawn on its own plane, rendered once that plane is shown.
      const fill = (id: string, plane?: string) => {
        if (plane) canvas.setRootElement(registry.get(plane));
        const shape = registry.getGraphics(id)?.querySelector('.djs-visual > *');
        return shape ? getComputedStyle(shape).fill : undefined;
      };
      const result = {
        warnings: warnings.map((w) => w.message),
        fills: {
          planMeeting: fill('planMeeting'),
          support: fill('support'),
          monitor: fill('monitor', 'support_plane'),
        },
      };
      canvas.setRootElement(root);
      return result;
    }, xml);
    expect(rendered).toEqual({
      warnings: [],
      fills: { planMeeting: COLOURS.done, support: COLOURS.open, monitor: COLOURS.overdue },
    });
    fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'bpmn-case-diagram.png') });
    await page.close();
  });

  it("answers another municipality's reader as for an unknown case", async () => {
    const id = await caseSteps(http, coordinator).referred();
    const kashiwa = await tokenFor(USERS.otherManager);
    const theirs = await http.get(`/v1/cases/${id}/diagram`, kashiwa);
    const unknown = await http.get(`/v1/cases/${randomUUID()}/diagram`, kashiwa);
    expect(theirs.status).toBe(404);
    expect(theirs.body).toEqual(unknown.body);
    expect((await http.get(`/v1/cases/${id}/diagram`, coordinator)).status).toBe(200);
  });
});
