/// <reference lib="dom" />
// (DOM types for the callbacks that page.evaluate runs in the browser.)
// Decisions (D-n) and actions (A-n) in the local chat, in Chromium: a decision logged inline, an
// action serving a risk logged through the guided card, both listed, the risk's card listing them,
// then updated and closed, all in the page.
import type { Page } from 'playwright-core';
import { ItemHistoryModel } from '../../../models';
import { ActionModel } from '../../../models/action.model';
import { DecisionModel } from '../../../models/decision.model';
import { artifactPath } from '../../support/browser';
import { useTestDatabase } from '../../support/db';
import { isoDaysFromNow, localWorkspaceId, openChatPage, type ChatPage } from './chat-page';

useTestDatabase();
jest.setTimeout(120_000);

let chat: ChatPage;
let page: Page;
let errors: string[];

beforeAll(async () => {
  chat = await openChatPage({ width: 1000, height: 1400 });
  ({ page, errors } = chat);
  await chat.type('project add APOLLO "Apollo launch"');
  await chat.botSays(/APOLLO/).waitFor();
  await chat.type('risk Vendor API may slip p=4 i=5 project=APOLLO');
  await chat.botSays('Saved R-1 Vendor API may slip').waitFor();
});
afterAll(async () => {
  await chat?.close();
});

const type = (text: string): Promise<void> => chat.type(text);
const botSays = (text: RegExp | string) => chat.botSays(text);
const card = (text: RegExp | string) => chat.card(text);

describe('decisions and actions in the local chat', () => {
  it('logs a decision inline, concerning the risk', async () => {
    await type('decision Use vendor B outcome="Switch the API to vendor B" rationale="cheaper and on time" by=me items=R-1 project=APOLLO');
    await botSays('Saved D-1 Use vendor B').waitFor();
    const saved = card('D-1 Use vendor B');
    await saved.waitFor();
    await expect(saved.textContent()).resolves.toMatch(/Switch the API to vendor B[\s\S]*cheaper and on time/);
    const stored = await DecisionModel.findOne({ workspaceId: await localWorkspaceId(), key: 'D-1' }).lean();
    expect(stored).toMatchObject({ title: 'Use vendor B', outcome: 'Switch the API to vendor B', rationale: 'cheaper and on time', items: ['R-1'], projectKey: 'APOLLO', status: 'proposed' });
    expect(stored!.decidedById).toMatch(/^local-/);
  });

  it('logs an action serving the risk through the guided card, its project taken from the risk', async () => {
    await type('action');
    const form = card('Log an action');
    await form.waitFor();
    await form.getByLabel('Title').fill('Sign the vendor B contract');
    // No project: the action takes R-1's.
    await form.getByLabel('Serves').fill('R-1');
    await form.getByLabel('Due').fill(isoDaysFromNow(10));
    await form.getByRole('button', { name: 'Save' }).click();

    const confirmation = card('Save this action?');
    await confirmation.waitFor();
    await expect(confirmation.textContent()).resolves.toMatch(/R-1/);
    await confirmation.getByRole('button', { name: 'Save', exact: true }).click();
    await botSays('Saved A-1 Sign the vendor B contract').waitFor();
    await card('A-1 Sign the vendor B contract').waitFor();

    const stored = await ActionModel.findOne({ workspaceId: await localWorkspaceId(), key: 'A-1' }).lean();
    expect(stored).toMatchObject({ title: 'Sign the vendor B contract', itemKey: 'R-1', projectKey: 'APOLLO', status: 'open', due: isoDaysFromNow(10) });
  });

  it('lists the decision log and the actions', async () => {
    await type('list decisions');
    await card(/D-1[\s\S]*Use vendor B/).waitFor();
    await type('list actions');
    await card(/A-1[\s\S]*Sign the vendor B contract/).waitFor();
  });

  it("shows the risk with the actions serving it and the decisions concerning it", async () => {
    await type('show R-1');
    const shown = card(/Actions[\s\S]*A-1 Sign the vendor B contract \(Open\)[\s\S]*Decisions[\s\S]*D-1 Use vendor B \(Proposed\)/);
    await shown.waitFor();
    await shown.scrollIntoViewIfNeeded();
    await page.screenshot({ path: artifactPath('local-chat-raid-show.png') });
  });

  it('updates and closes them, and the history says so', async () => {
    const ws = await localWorkspaceId();
    await type('update D-1 status=agreed');
    await botSays(/^Updated D-1/).waitFor();
    await type(`update A-1 due=${isoDaysFromNow(3)}`);
    await botSays(/^Updated A-1/).waitFor();
    expect(await DecisionModel.findOne({ workspaceId: ws, key: 'D-1' }).lean()).toMatchObject({ status: 'agreed' });
    expect(await ActionModel.findOne({ workspaceId: ws, key: 'A-1' }).lean()).toMatchObject({ due: isoDaysFromNow(3) });

    // Closed from the action's card, by its Close button.
    await type('show A-1');
    const actionCard = card(/A-1 Sign the vendor B contract[\s\S]*Serves/);
    await actionCard.waitFor();
    await actionCard.getByRole('button', { name: 'Close', exact: true }).click();
    await botSays(/^Closed A-1 Sign the vendor B contract/).waitFor();
    await type('close D-1');
    await botSays(/^Closed D-1 Use vendor B/).waitFor();
    expect(await ActionModel.findOne({ workspaceId: ws, key: 'A-1' }).lean()).toMatchObject({ status: 'done' });
    expect(await DecisionModel.findOne({ workspaceId: ws, key: 'D-1' }).lean()).toMatchObject({ status: 'superseded' });

    await type('show R-1');
    await card(/A-1 Sign the vendor B contract \(Done\)[\s\S]*D-1 Use vendor B \(Superseded\)/).waitFor();
    await page.screenshot({ path: artifactPath('local-chat-raid-closed.png') });
    // Their updates and closes are stored; their creations are the items themselves.
    expect(await ItemHistoryModel.countDocuments({ workspaceId: ws, itemKey: { $in: ['A-1', 'D-1'] } })).toBeGreaterThanOrEqual(4);
    expect(errors).toEqual([]);
  });
});
