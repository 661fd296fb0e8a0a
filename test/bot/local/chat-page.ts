// Driving the local chat page (Web Chat) in Chromium: type into the send box, find the bot's replies.
import type { Types } from 'mongoose';
import type { Browser, Page } from 'playwright-core';
import { WorkspaceModel } from '../../../models';
import { launchChromium } from '../../support/browser';
import { startLocalBot } from './harness';

export async function typeInto(page: Page, text: string): Promise<void> {
  const box = page.locator('[data-id="webchat-sendbox-input"]');
  await box.fill(text);
  await box.press('Enter');
}

/** The newest message from the bot whose text matches. */
export const botSaysOn = (page: Page, text: RegExp | string) =>
  page.locator('.webchat__stacked-layout--from-bot, .webchat__bubble:not(.webchat__bubble--from-user)').filter({ hasText: text }).last();

/** The newest Adaptive Card on the page whose text matches. */
export const cardOn = (page: Page, text: RegExp | string) => page.locator('.ac-adaptiveCard').filter({ hasText: text }).last();

/** The local chat's workspace id, once the bot has answered in it. */
export async function localWorkspaceId(): Promise<Types.ObjectId> {
  const workspace = await WorkspaceModel.findOne({ platform: 'local', externalId: 'default' }).lean();
  if (!workspace) throw new Error('no local workspace yet');
  return workspace._id;
}

/** `YYYY-MM-DD`, `days` from today (UTC is near enough for dates days away). */
export const isoDaysFromNow = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** The local bot, a Chromium page on its chat with the send box ready, and the page's helpers. */
export interface ChatPage {
  page: Page;
  /** Errors the page threw. */
  errors: string[];
  type(text: string): Promise<void>;
  botSays(text: RegExp | string): ReturnType<typeof botSaysOn>;
  card(text: RegExp | string): ReturnType<typeof cardOn>;
  close(): Promise<void>;
}

export async function openChatPage(viewport: { width: number; height: number }): Promise<ChatPage> {
  const bot = await startLocalBot();
  const browser: Browser = await launchChromium();
  const page = await browser.newPage({ viewport });
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(`${bot.url}/`);
  await page.locator('[data-id="webchat-sendbox-input"]').waitFor();
  return {
    page,
    errors,
    type: (text) => typeInto(page, text),
    botSays: (text) => botSaysOn(page, text),
    card: (text) => cardOn(page, text),
    close: async () => {
      await browser.close();
      await bot.close();
    },
  };
}
