// The local chat has no file consent: `export` answers with a download link, which Web Chat must
// render as a link that downloads the CSV from the bot (relative to the page, no PUBLIC_URL).
import type { Browser, Download } from 'playwright-core';
import { launchChromium } from '../../support/browser';
import { useTestDatabase } from '../../support/db';
import { readCsvRecords } from '../../support/registers';
import { startMounted, type MountedApp } from '../mount-harness';

useTestDatabase();
jest.setTimeout(90_000);

let app: MountedApp;
let browser: Browser;

beforeAll(async () => {
  app = await startMounted({}, { platform: 'local', externalId: 'default' });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('export in the local chat (Web Chat in Chromium)', () => {
  it('shows a link that downloads the register as a CSV file', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${app.url}/`);
    const box = page.locator('[data-id="webchat-sendbox-input"]');
    await box.fill('export risks');
    await box.press('Enter');
    const link = page.locator('a', { hasText: /^risks-all-\d{4}-\d{2}-\d{2}\.csv$/ }).last();
    await link.waitFor();
    const href = await link.getAttribute('href');
    // Absolute, on the address the page was reached on: Web Chat shows a relative link as a citation button.
    expect(href).toMatch(new RegExp(`^${app.url}/files/v1\\.[\\w-]+\\.[\\w-]+$`));

    // Web Chat opens links in a new tab; the bot answers with an attachment, so the browser downloads it.
    const download = new Promise<Download>((resolve) => {
      page.on('download', resolve);
      context.on('page', (tab) => tab.on('download', resolve));
    });
    await link.click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^risks-all-\d{4}-\d{2}-\d{2}\.csv$/);
    const fs = await import('node:fs/promises');
    const rows = readCsvRecords(await fs.readFile((await file.path())!, 'utf8'));
    expect(rows.length).toBeGreaterThan(0); // the seeded portfolio's risks
    expect(rows[0].Key).toMatch(/^R-\d+$/);
    await context.close();
  });
});
