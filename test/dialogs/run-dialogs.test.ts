// runDialogs, as the Teams bot calls it: state is plain JSON and survives new dialog instances each turn.
import { ConversationState, MemoryStorage, TestAdapter, type Activity, type TurnContext } from 'botbuilder';
import { getItem } from '../../core/services';
import { createDialogs, runDialogs } from '../../dialogs/root.dialog';
import { getRunContext, setRunContext } from '../../dialogs/run-context';
import { useTestDatabase } from '../support/db';
import { makeWorld, type World } from '../core/services/fixtures';
import { runContextFor, TextPresenter, ZONE } from './support';

useTestDatabase();

let world: World;
beforeAll(async () => {
  world = await makeWorld({ timeZone: ZONE });
});

describe('runDialogs', () => {
  it('carries a guided risk across turns, with new dialog instances each turn and JSON-only state', async () => {
    const conversationState = new ConversationState(new MemoryStorage());
    const snapshots: unknown[] = [];
    const adapter = new TestAdapter(async (context: TurnContext) => {
      setRunContext(context, runContextFor(world, world.owner));
      await runDialogs(context, conversationState, createDialogs({ presenter: new TextPresenter() }));
      snapshots.push(conversationState.get(context));
      await conversationState.saveChanges(context);
    });
    const turns: [string, string][] = [
      ['risk', 'Asking title:'],
      ['Vendor API may slip', 'Asking probability:'],
      ['4', 'Asking impact:'],
      ['5', 'Asking project:'],
      ['APOLLO', 'Confirm: title=Vendor API may slip'],
      ['save', 'Saved R-1 Vendor API may slip'],
    ];
    for (const [user, bot] of turns) {
      await adapter.send(user).assertReply((reply: Partial<Activity>) => expect(reply.text?.startsWith(bot) ? bot : reply.text).toBe(bot));
    }
    for (const state of snapshots) expect(JSON.parse(JSON.stringify(state))).toEqual(state);
    expect((await getItem(world.ws, 'R-1')).item).toMatchObject({ title: 'Vendor API may slip', probability: 4, impact: 5 });
  });

  it('says clearly when the bot forgot to set the RunContext', async () => {
    const conversationState = new ConversationState(new MemoryStorage());
    let failure: unknown;
    const adapter = new TestAdapter(async (context: TurnContext) => {
      await runDialogs(context, conversationState, createDialogs({ presenter: new TextPresenter() })).catch((err: unknown) => {
        failure = err;
      });
    });
    await adapter.send('risk');
    expect(String(failure)).toMatch(/no RunContext on this turn: the bot must call setRunContext/);
  });
});

describe('run context', () => {
  it('round-trips through the turn state', async () => {
    const adapter = new TestAdapter(async (context: TurnContext) => {
      const ctx = runContextFor(world, world.pm);
      setRunContext(context, ctx);
      expect(getRunContext(context)).toBe(ctx);
      await context.sendActivity('ok');
    });
    await adapter.send('hi').assertReply('ok');
  });
});
