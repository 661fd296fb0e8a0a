/// <reference lib="dom" />
// (DOM types for the callbacks that page.evaluate runs in the browser.)
// Renders the job cards with the adaptivecards renderer in Debian's chromium and keeps PNGs for review
// under test/artifacts/ (git-ignored): digest.png is the one an executive would see on Monday morning.
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { jobMessageCard } from '../../../cards/jobs';
import type { JobMessage } from '../../../jobs/types';
import { artifactPath, launchChromium } from '../../support/browser';
import { HEAT_COLORS } from '../../../cards/jobs/heat-map';
import { rgbOf } from '../../../cards/jobs/png';
import { bigDigest, digestMessage, explainedDigest, nudgeMessage, pmReminder } from './fixtures';
import { planScorecard } from '../../../jobs/planners';
import { MONDAY, workspace } from '../../jobs/planners/fixtures';
import { scorecardData } from '../../jobs/planners/scorecard-fixtures';
import { TEAMS_LIGHT_HOST_CONFIG } from './teams-host-config';

const MODULES = path.join(__dirname, '..', '..', '..', 'node_modules');
const SDK = path.join(MODULES, 'adaptivecards', 'dist', 'adaptivecards.min.js');
// Teams renders TextBlock Markdown; the SDK leaves that to the host, as Web Chat does with markdown-it.
const MARKDOWN = path.join(MODULES, 'markdown-it', 'dist', 'markdown-it.min.js');
const CARD_WIDTH = 560;

let browser: Browser;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: CARD_WIDTH + 40, height: 800 }, deviceScaleFactor: 1 });
  await page.setContent(`<html><body style="margin:0;padding:20px;background:#F5F5F5"><div id="card" style="width:${CARD_WIDTH}px;background:#fff;border-radius:6px;box-shadow:0 1px 3px #0002"></div></body></html>`);
  await page.addScriptTag({ path: SDK });
  await page.addScriptTag({ path: MARKDOWN });
}, 60_000);

afterAll(async () => {
  await browser?.close();
});

/** Renders one card into the page; returns the renderer's complaints (none expected). */
async function render(message: JobMessage, file: string): Promise<{ png: PNG; errors: string[] }> {
  const errors = await page.evaluate(({ card, hostConfig }) => {
    const host = window as unknown as { AdaptiveCards: typeof import('adaptivecards'); markdownit: () => { render(text: string): string } };
    const AC = host.AdaptiveCards;
    const markdown = host.markdownit();
    AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
      result.outputHtml = markdown.render(text);
      result.didProcess = true;
    };
    const target = document.getElementById('card') as HTMLElement;
    target.innerHTML = '';
    const adaptive = new AC.AdaptiveCard();
    adaptive.hostConfig = new AC.HostConfig(hostConfig);
    const context = new AC.SerializationContext();
    adaptive.parse(card, context);
    const problems: string[] = [];
    for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
    const element = adaptive.render();
    if (!element) problems.push('render() returned nothing');
    else target.appendChild(element);
    return problems;
  }, { card: jobMessageCard(message) as unknown as object, hostConfig: TEAMS_LIGHT_HOST_CONFIG });
  const out = artifactPath(file);
  await page.locator('#card').screenshot({ path: out });
  return { png: PNG.sync.read(fs.readFileSync(out)), errors };
}

/** Share of pixels that are not (near) white, and how many distinct colours the image has. */
function ink(png: PNG): { share: number; colours: number } {
  let inked = 0;
  const colours = new Set<number>();
  for (let i = 0; i < png.data.length; i += 4) {
    const [r, g, b] = [png.data[i], png.data[i + 1], png.data[i + 2]];
    if (r < 240 || g < 240 || b < 240) inked += 1;
    colours.add(((r >> 4) << 8) | ((g >> 4) << 4) | (b >> 4));
  }
  return { share: inked / (png.width * png.height), colours: colours.size };
}

function hasColour(png: PNG, [r, g, b]: number[]): boolean {
  for (let i = 0; i < png.data.length; i += 4) {
    if (Math.abs(png.data[i] - r) < 4 && Math.abs(png.data[i + 1] - g) < 4 && Math.abs(png.data[i + 2] - b) < 4) return true;
  }
  return false;
}

it('renders the digest card to test/artifacts/digest.png', async () => {
  const { png, errors } = await render(digestMessage(), 'digest.png');
  expect(errors).toEqual([]);
  expect(png.width).toBe(CARD_WIDTH);
  expect(png.height).toBeGreaterThan(700);
  const { share, colours } = ink(png);
  expect(share).toBeGreaterThan(0.05);
  // Text plus the red, amber, green and grey of the RAG tiles and bars.
  expect(colours).toBeGreaterThan(30);
  for (const fill of [[0xc4, 0x31, 0x4b], [0x6b, 0xb7, 0x00], [0xb3, 0xb0, 0xad]]) expect(hasColour(png, fill)).toBe(true);
}, 60_000);

it('renders a 300-project digest, a reminder and a nudge for review too', async () => {
  const big = await render(bigDigest(300)[0], 'digest-300.png');
  expect(big.errors).toEqual([]);
  expect(big.png.height).toBeGreaterThan(1000);
  const reminder = await render(pmReminder(), 'reminder.png');
  expect(reminder.errors).toEqual([]);
  expect(ink(reminder.png).share).toBeGreaterThan(0.03);
  const nudge = await render(nudgeMessage(), 'nudge.png');
  expect(nudge.errors).toEqual([]);
  expect(ink(nudge.png).share).toBeGreaterThan(0.03);
}, 60_000);

it('renders the explained digest (reasons, slips, risks that rose, the heat map) to test/artifacts/digest-explained.png', async () => {
  const { png, errors } = await render(explainedDigest(), 'digest-explained.png');
  expect(errors).toEqual([]);
  // The heat map's cells, drawn in the card: the fixture's open risks sit in critical (4×5) and high (4×3) cells.
  expect(hasColour(png, rgbOf(HEAT_COLORS.critical.full))).toBe(true);
  expect(hasColour(png, rgbOf(HEAT_COLORS.high.full))).toBe(true);
  expect(hasColour(png, rgbOf(HEAT_COLORS.low.pale))).toBe(true);
}, 60_000);

it('renders the Monday PMO scorecard to test/artifacts/scorecard.png (issue 14)', async () => {
  const [delivery] = planScorecard(MONDAY, '2026-W49', workspace('Europe/Berlin'), scorecardData('controlling'));
  const { png, errors } = await render(delivery.message, 'scorecard.png');
  expect(errors).toEqual([]);
  expect(png.height).toBeGreaterThan(400);
  expect(ink(png).share).toBeGreaterThan(0.03);
  // Teams' attention red of the overdue counts and the 0/4 of the least compliant project.
  expect(hasColour(png, [0xc4, 0x31, 0x4b])).toBe(true);
}, 60_000);
