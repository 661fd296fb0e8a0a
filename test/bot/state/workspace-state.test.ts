import { TestAdapter, TurnContext, type Activity, type ConversationAccount } from 'botbuilder';
import {
  DialogSet,
  DialogTurnStatus,
  TextPrompt,
  WaterfallDialog,
  type DialogState,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { BotStateModel } from '../../../models';
import { MongoStorage, WorkspaceConversationState } from '../../../bot/state';
import { useTestDatabase } from '../../support/db';

useTestDatabase();

const INTAKE_DIALOG = 'intake';
const TEXT_PROMPT = 'text';

function teamsConversation(id: string, tenantId: string): ConversationAccount {
  return { id, tenantId, name: '', isGroup: false, conversationType: 'personal' };
}

function teamsTemplate(conversationId: string, tenantId: string): Partial<Activity> {
  return { channelId: 'msteams', conversation: teamsConversation(conversationId, tenantId) };
}

/** What the intake remembers between turns (kept in the dialog state, so in storage). */
const intakeValues = (step: WaterfallStepContext) => step.values as { name?: string };

async function askNameStep(step: WaterfallStepContext) {
  return step.prompt(TEXT_PROMPT, 'What is your name?');
}

async function askProjectStep(step: WaterfallStepContext) {
  intakeValues(step).name = String(step.result);
  return step.prompt(TEXT_PROMPT, 'Which project?');
}

async function thankStep(step: WaterfallStepContext) {
  await step.context.sendActivity(`Thanks ${intakeValues(step).name}: ${String(step.result)}.`);
  return step.endDialog();
}

/** One bot instance: its own state and dialogs over the shared storage, as a second process would have. */
function botInstance(storage: MongoStorage): (context: TurnContext) => Promise<void> {
  const conversationState = new WorkspaceConversationState(storage);
  const dialogs = new DialogSet(conversationState.createProperty<DialogState>('dialogState'));
  dialogs.add(new TextPrompt(TEXT_PROMPT));
  dialogs.add(new WaterfallDialog(INTAKE_DIALOG, [askNameStep, askProjectStep, thankStep]));
  return async (context) => {
    const dc = await dialogs.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(INTAKE_DIALOG);
    await conversationState.saveChanges(context);
  };
}

/** A turn context for a Teams message, for driving BotState directly. */
function teamsContext(conversationId: string, tenantId: string, text = 'hi'): TurnContext {
  const adapter = new TestAdapter();
  return new TurnContext(adapter, {
    type: 'message',
    text,
    channelId: 'msteams',
    conversation: teamsConversation(conversationId, tenantId),
    from: { id: 'user-1', name: 'User' },
    recipient: { id: 'bot', name: 'Bot' },
  });
}

describe('WorkspaceConversationState over MongoStorage', () => {
  const storage = new MongoStorage();

  it('keys state by workspace, then botbuilder’s own key', () => {
    const context = teamsContext('conv-key', 'tenant-a');
    expect(new WorkspaceConversationState(storage).getStorageKey(context)).toBe('teams:tenant-a/msteams/conversations/conv-key/');
  });

  it('gives each person their own conversation state in a Teams channel or group chat', () => {
    for (const conversationType of ['channel', 'groupChat']) {
      const context = teamsContext('19:chan', 'tenant-a');
      context.activity.conversation.conversationType = conversationType;
      context.activity.from = { id: '29:a/b', name: 'A' };
      expect(new WorkspaceConversationState(storage).getStorageKey(context)).toBe('teams:tenant-a/msteams/conversations/19:chan/users/29%3Aa%2Fb');
    }
  });

  it('continues a waterfall dialog on another bot instance, turn by turn', async () => {
    const template = teamsTemplate('conv-flow', 'tenant-a');
    const adapterA = new TestAdapter(botInstance(storage), template);
    const adapterB = new TestAdapter(botInstance(storage), template);

    await adapterA.send('hi').assertReply('What is your name?');
    await adapterB.send('Ada').assertReply('Which project?');
    await adapterA.send('APOLLO').assertReply('Thanks Ada: APOLLO.');
    await adapterB.send('hello again').assertReply('What is your name?');

    // One head document for the conversation, at the fourth version.
    const stored = await BotStateModel.find({ key: 'msteams/conversations/conv-flow/' }).lean();
    expect(stored).toEqual([expect.objectContaining({ _id: 'teams:tenant-a/msteams/conversations/conv-flow/', workspaceKey: 'teams:tenant-a', version: 4 })]);
  });

  it('does not continue another workspace’s dialog with the same conversation id', async () => {
    const adapterA = new TestAdapter(botInstance(storage), teamsTemplate('conv-shared', 'tenant-a'));
    const adapterB = new TestAdapter(botInstance(storage), teamsTemplate('conv-shared', 'tenant-b'));

    await adapterA.send('hi').assertReply('What is your name?');
    await adapterB.send('Ada').assertReply('What is your name?'); // a fresh start, not the answer to A's prompt
    await adapterA.send('Grace').assertReply('Which project?');
  });

  it('fails the slower of two concurrent turns with an eTag conflict instead of letting it overwrite', async () => {
    const state = new WorkspaceConversationState(storage);
    const counter = state.createProperty<number>('count');
    const seed = teamsContext('conv-race', 'tenant-a');
    await counter.set(seed, 1);
    await state.saveChanges(seed);

    const [first, second] = [teamsContext('conv-race', 'tenant-a'), teamsContext('conv-race', 'tenant-a')];
    await counter.set(first, (await counter.get(first, 0)) + 1);
    await counter.set(second, (await counter.get(second, 0)) + 10);
    await state.saveChanges(first);
    await expect(state.saveChanges(second)).rejects.toMatchObject({ code: 'etag_conflict' });

    const after = teamsContext('conv-race', 'tenant-a');
    expect(await counter.get(after)).toBe(2);
  });

  it('lets only one of two first turns create a new conversation’s state', async () => {
    const state = new WorkspaceConversationState(storage);
    const owner = state.createProperty<string>('owner');
    const [a, b] = [teamsContext('conv-new', 'tenant-a'), teamsContext('conv-new', 'tenant-a')];
    await owner.set(a, 'a');
    await owner.set(b, 'b');
    const results = await Promise.allSettled([state.saveChanges(a), state.saveChanges(b)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
  });

  it('saves twice in one turn, keeping the eTag it was given', async () => {
    const state = new WorkspaceConversationState(storage);
    const step = state.createProperty<number>('step');
    const context = teamsContext('conv-twice', 'tenant-a');
    await step.set(context, 1);
    await state.saveChanges(context);
    await step.set(context, 2);
    await state.saveChanges(context);
    expect(await step.get(teamsContext('conv-twice', 'tenant-a'))).toBe(2);
  });

  it('keeps the eTag across clear(), so clearing stale state conflicts too', async () => {
    const state = new WorkspaceConversationState(storage);
    const value = state.createProperty<string>('value');
    const seed = teamsContext('conv-clear', 'tenant-a');
    await value.set(seed, 'seed');
    await state.saveChanges(seed);

    const stale = teamsContext('conv-clear', 'tenant-a');
    await state.load(stale);
    const other = teamsContext('conv-clear', 'tenant-a');
    await value.set(other, 'newer');
    await state.saveChanges(other);

    await state.clear(stale);
    await expect(state.saveChanges(stale)).rejects.toMatchObject({ code: 'etag_conflict' });
  });

  it('refuses a Teams turn that names no tenant, before touching storage', async () => {
    const state = new WorkspaceConversationState(storage);
    const context = new TurnContext(new TestAdapter(), {
      type: 'message',
      channelId: 'msteams',
      conversation: { id: 'conv-x', name: '', isGroup: false, conversationType: 'personal' },
      from: { id: 'u', name: 'U' },
      recipient: { id: 'bot', name: 'Bot' },
    });
    await expect(state.load(context)).rejects.toThrow(/Teams activity names no tenant/);
  });
});
