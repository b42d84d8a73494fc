/// <reference lib="dom" />
// (the DOM lib: page.evaluate callbacks run in the browser)
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { caseWorkflowId } from '@sss/domain';
import { ARTIFACTS_DIR, launchChromium } from './browser';
import { httpClient, tokenFor } from './http';
import { startProduct, Product } from './product';
import { USERS } from './users';

let product: Product;
let browser: Browser;
const householdName = 'Fukasawa Ichiro household';
const caseId = randomUUID();

beforeAll(async () => {
  product = await startProduct(`e2e-${randomUUID()}`);
  browser = await launchChromium();
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const created = await httpClient(product.baseUrl).post(
    '/v1/cases',
    {
      id: caseId,
      municipality: '142042',
      programme: 'collaboration',
      fields: ['elderly'],
      referringAgency: 'houkatsu-kamakura',
      householdName,
    },
    await tokenFor(USERS.coordinator),
  );
  expect(created.status).toBe(201);
});
afterAll(async () => {
  await browser?.close();
  await product?.stop();
});

/** Opens the case's workflow in the Temporal UI with our codec server configured. */
async function openCaseInTemporalUi(page: Page): Promise<void> {
  const ui = process.env.E2E_TEMPORAL_UI_URL;
  await page.goto(`${ui}/namespaces/default/workflows`);
  // The UI's own codec settings ("Data Encoder"), as a manager would enter them.
  await page.evaluate((endpoint) => {
    localStorage.setItem('endpoint', JSON.stringify(endpoint));
    localStorage.setItem('includeCredentials', 'true');
    localStorage.setItem('overrideRemoteCodecConfiguration', 'true');
  }, `${product.baseUrl}/v1/codec`);
  await page.goto(`${ui}/namespaces/default/workflows/${caseWorkflowId(caseId)}`);
  await page.getByText('Input', { exact: true }).locator('visible=true').first().waitFor();
}

/** Waits until the UI has tried the codec server: it shows either plain data or its failure. */
async function waitForDecoding(page: Page, expected: string): Promise<string> {
  await page.getByText(expected).locator('visible=true').first().waitFor();
  return (await page.textContent('body')) ?? '';
}

describe('reading case payloads in the Temporal Web UI', () => {
  it('shows a signed-in manager the decrypted case input', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${product.baseUrl}/v1/codec/login`);
    await page.fill('input[name=token]', await tokenFor(USERS.manager));
    await page.click('button[type=submit]');
    await page.getByText('expiresAt').waitFor();

    await openCaseInTemporalUi(page);
    const body = await waitForDecoding(page, householdName);
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'temporal-ui-manager.png') });
    expect(body).not.toContain('Codec Server could not connect');
    await context.close();
  });

  it('shows only ciphertext without a codec session', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await openCaseInTemporalUi(page);
    const body = await waitForDecoding(page, 'Codec Server could not connect');
    await page.screenshot({ path: path.join(ARTIFACTS_DIR, 'temporal-ui-no-session.png') });
    expect(body).not.toContain(householdName);
    await context.close();
  });

  it('refuses a coordinator a codec session, so the UI stays encrypted for them', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${product.baseUrl}/v1/codec/login`);
    await page.fill('input[name=token]', await tokenFor(USERS.coordinator));
    await page.click('button[type=submit]');
    await page.getByText('not permitted').waitFor();
    await openCaseInTemporalUi(page);
    const body = await waitForDecoding(page, 'Codec Server could not connect');
    expect(body).not.toContain(householdName);
    await context.close();
  });
});
