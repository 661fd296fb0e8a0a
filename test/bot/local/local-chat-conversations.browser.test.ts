/// <reference lib="dom" />
// (DOM types for the callbacks that page.evaluate runs in the browser.)
// The traps a new user hit in the local chat, in Chromium: a form never swallows the next command, a
// past due date is taken (and said to be overdue), forms read top to bottom with names, and a saved
// item's card has a Close button that closes it.
import type { Page } from 'playwright-core';
import { IssueModel, RiskModel } from '../../../models';
import { artifactPath } from '../../support/browser';
import { useTestDatabase } from '../../support/db';
import { isoDaysFromNow, localWorkspaceId, openChatPage, type ChatPage } from './chat-page';

useTestDatabase();
jest.setTimeout(120_000);

let chat: ChatPage;
let page: Page;

beforeAll(async () => {
  chat = await openChatPage({ width: 1000, height: 1200 });
  ({ page } = chat);
  await chat.type('project add APOLLO "Apollo launch"');
  await chat.botSays(/APOLLO/).waitFor();
});
afterAll(async () => {
  await chat?.close();
});

const type = (text: string): Promise<void> => chat.type(text);
const botSays = (text: RegExp | string) => chat.botSays(text);
const card = (text: RegExp | string) => chat.card(text);

describe('conversations in the local chat', () => {
  it('list risks typed while the risk form waits lists, and says the risk was left', async () => {
    await type('risk');
    await card('Log a risk').waitFor();
    await type('list risks');
    await botSays('Left the risk you were logging; nothing was saved.').waitFor();
    await botSays(/risks?/).waitFor();
    expect(await RiskModel.countDocuments({ workspaceId: await localWorkspaceId() })).toBe(0);
  });

  it('the risk form lists Title first (even when given inline), and the owner by name', async () => {
    const before = await page.locator('.ac-adaptiveCard').filter({ hasText: 'Log a risk' }).count();
    await type('risk Vendor API may slip owner=me');
    const form = page.locator('.ac-adaptiveCard').filter({ hasText: 'Log a risk' }).nth(before);
    await form.waitFor();
    const labels = await form.locator('label, .ac-textBlock').allInnerTexts();
    const title = labels.findIndex((l) => /^Title/.test(l));
    const optional = labels.findIndex((l) => /^Description|^Mitigation|^Response/.test(l));
    expect(title).toBeGreaterThanOrEqual(0);
    expect(title).toBeLessThan(optional);
    expect(await form.getByLabel('Title').inputValue()).toBe('Vendor API may slip');
    expect(await form.innerText()).not.toMatch(/local-[a-z0-9]{6,}/);
    expect(await form.locator('select, input').evaluateAll((els) => els.map((e) => (e instanceof HTMLSelectElement ? e.selectedOptions[0]?.text : (e as HTMLInputElement).value)))).toContain('You');
    await page.screenshot({ path: artifactPath('local-chat-form-order.png') });
    await type('cancel');
    await botSays(/nothing was saved/).waitFor();
  });

  it('a whole issue with a past due date typed into a waiting form saves it, already overdue', async () => {
    await type('risk');
    await card('Log a risk').waitFor();
    const due = isoDaysFromNow(-10);
    await type(`issue Test rig unavailable priority=high due=${due} project=APOLLO`);
    await botSays('Left the risk you were logging; nothing was saved.').waitFor();
    await botSays(/Saved I-1 Test rig unavailable/).waitFor();
    await botSays(/already overdue/i).waitFor();
    expect(await IssueModel.findOne({ workspaceId: await localWorkspaceId(), key: 'I-1' }).lean()).toMatchObject({ due, status: 'open', priority: 'high' });
  });

  it("the saved item's Close button closes it", async () => {
    const saved = card('I-1 Test rig unavailable');
    await saved.scrollIntoViewIfNeeded();
    await saved.getByRole('button', { name: 'Close', exact: true }).click();
    await botSays(/closed I-1|I-1.*closed/i).waitFor();
    await page.screenshot({ path: artifactPath('local-chat-close-button.png') });
    const issue = await IssueModel.findOne({ workspaceId: await localWorkspaceId(), key: 'I-1' }).lean();
    expect(issue?.status).toBe('closed');
  });
});
