// Driving the local chat page (Web Chat) in Chromium: type into the send box, find the bot's replies.
import type { Page } from 'playwright-core';

export async function typeInto(page: Page, text: string): Promise<void> {
  const box = page.locator('[data-id="webchat-sendbox-input"]');
  await box.fill(text);
  await box.press('Enter');
}

/** The newest message from the bot whose text matches. */
export const botSaysOn = (page: Page, text: RegExp | string) =>
  page.locator('.webchat__stacked-layout--from-bot, .webchat__bubble:not(.webchat__bubble--from-user)').filter({ hasText: text }).last();
