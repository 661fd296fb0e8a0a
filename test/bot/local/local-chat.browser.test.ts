/// <reference lib="dom" />
// (DOM types for the callbacks that page.evaluate runs in the browser.)
import type { Browser, Page } from 'playwright-core';
import { RiskModel, StatusUpdateModel } from '../../../models';
import { artifactPath, launchChromium } from '../../support/browser';
import { useTestDatabase } from '../../support/db';
import { botSaysOn, cardOn, localWorkspaceId, typeInto } from './chat-page';
import { startLocalBot } from './harness';

useTestDatabase();
jest.setTimeout(90_000);

let bot: Awaited<ReturnType<typeof startLocalBot>>;
let browser: Browser;
let page: Page;
/** What the browser refused under the page's Content-Security-Policy: console errors and violation events. */
const refused: string[] = [];

beforeAll(async () => {
  bot = await startLocalBot();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1000, height: 1000 } });
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Refused to|Content Security Policy/i.test(msg.text())) refused.push(msg.text());
  });
  await page.exposeFunction('reportCspViolation', (what: string) => refused.push(what));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { reportCspViolation(what: string): void }).reportCspViolation(`${e.violatedDirective} blocked ${e.blockedURI}`);
    });
  });
});
afterAll(async () => {
  await browser?.close();
  await bot?.close();
});

const type = (text: string): Promise<void> => typeInto(page, text);

const botSays = (text: RegExp | string) => botSaysOn(page, text);

describe('the local chat page in Chromium', () => {
  it('logs a risk through the guided card and stores it', async () => {
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    const response = await page.goto(`${bot.url}/`);
    expect(response?.headers()['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    await page.locator('[data-id="webchat-sendbox-input"]').waitFor();

    await type('project add APOLLO "Apollo launch"');
    await botSays(/APOLLO/).waitFor();

    await type('risk');
    const form = cardOn(page, 'Log a risk');
    await form.getByLabel('Title').fill('Vendor API may slip');
    await form.getByLabel('Probability').fill('4');
    await form.getByLabel('Impact').fill('5');
    await form.getByLabel('Project').fill('APOLLO');
    await form.getByRole('button', { name: 'Save' }).click();

    const confirmation = cardOn(page, 'Save this risk?');
    await confirmation.waitFor();
    await confirmation.getByRole('button', { name: 'Save', exact: true }).click();

    await botSays('Saved R-1 Vendor API may slip').waitFor();
    const stored = cardOn(page, 'R-1 Vendor API may slip');
    await stored.waitFor();
    await stored.scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('local-chat-risk.png') });

    const risk = await RiskModel.findOne({ workspaceId: await localWorkspaceId(), key: 'R-1' }).lean();
    expect(risk).toMatchObject({ title: 'Vendor API may slip', probability: 4, impact: 5, score: 20, projectKey: 'APOLLO' });
    expect(risk!.ownerId).toMatch(/^local-/);
    expect(risk!.raisedById).toBe(risk!.ownerId); // the record of its creation: by whom (its history's first line)
    expect(errors).toEqual([]);
    expect(refused).toEqual([]);
  });

  it('posts a weekly status update through the guided card, RAG chosen from lists', async () => {
    await type('status');
    const form = cardOn(page, 'Weekly status update');
    await form.getByLabel('Project').fill('APOLLO');
    await form.getByLabel('Overall RAG').selectOption('amber');
    await form.getByLabel('Schedule').selectOption('red');
    await form.getByLabel('Reason (amber/red)').fill('The vendor missed the API drop');
    await form.getByLabel('Forecast finish').fill('2027-03-01');
    await form.getByLabel('Summary').fill('Vendor API late; launch holds');
    await form.getByRole('button', { name: 'Save' }).click();

    const confirmation = cardOn(page, 'Save this status');
    await confirmation.waitFor();
    await confirmation.getByRole('button', { name: 'Save', exact: true }).click();
    await botSays(/^Saved status for APOLLO/).waitFor();
    await page.screenshot({ path: artifactPath('local-chat-status.png') });

    const status = await StatusUpdateModel.findOne({ workspaceId: await localWorkspaceId(), projectKey: 'APOLLO' }).lean();
    expect(status).toMatchObject({ overall: 'amber', schedule: 'red', summary: 'Vendor API late; launch holds', reason: 'The vendor missed the API drop', forecastFinish: '2027-03-01' });
    expect(refused).toEqual([]);
  });

  it('refuses to be shown in a frame of another page (clickjacking)', async () => {
    const other = await browser.newPage();
    try {
      const refusal = other.waitForEvent('console', { predicate: (msg) => /frame-ancestors|Refused to (display|frame)/.test(msg.text()) });
      await other.setContent(`<iframe src="${bot.url}/" width="800" height="600"></iframe>`);
      expect((await refusal).text()).toMatch(/frame-ancestors 'none'/);
      const framed = other.frames().find((f) => f !== other.mainFrame());
      expect(await framed?.locator('[data-id="webchat-sendbox-input"]').count()).toBe(0);
    } finally {
      await other.close();
    }
  });
});
