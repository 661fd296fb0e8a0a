// The door reads the conversation state while the claim is being written (the two overlap), and a
// claim that fails still stops the turn, whatever was read meanwhile.
import { TestAdapter, TurnContext, type Activity } from 'botbuilder';
import pino from 'pino';
import { doorLogic } from '../../../bot/teams/door';
import type { Inbox } from '../../../bot/inbox/inbox';

const activity = (type: string, id: string): Partial<Activity> => ({
  type, id, channelId: 'emulator', serviceUrl: 'http://127.0.0.1:1/', text: 'hi',
  conversation: { id: 'c1', isGroup: false, conversationType: 'personal', name: '' }, from: { id: 'u1', name: 'U' }, recipient: { id: 'b', name: 'bot' },
});

function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void } {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => { resolve = r; });
  return { promise, resolve };
}

/** An inbox whose claims answer when the test says, recording the order of events. */
function world() {
  const events: string[] = [];
  const answers: { resolve: (won: boolean) => void }[] = [];
  const inbox = {
    claim: (key: string) => {
      events.push(`claim ${key.split(':').pop()}`);
      const d = deferred<boolean>();
      answers.push(d);
      return d.promise;
    },
    release: async () => undefined,
  } as unknown as Inbox;
  const preload = async (context: TurnContext) => { events.push(`preload ${context.activity.id}`); };
  const run = async (context: TurnContext) => { events.push(`run ${context.activity.id}`); };
  const door = doorLogic(run, { mode: 'local', inbox, logger: pino({ level: 'silent' }), preload });
  return { events, answers, door };
}

const contextOf = (a: Partial<Activity>) => new TurnContext(new TestAdapter(), a);

it('starts reading the state before the claim has answered, and runs the turn once it is won', async () => {
  const { events, answers, door } = world();
  const turn = door(contextOf(activity('message', 'a1')));
  await new Promise((r) => setImmediate(r));
  expect(events).toEqual(['claim a1', 'preload a1']);
  answers[0].resolve(true);
  await turn;
  expect(events).toEqual(['claim a1', 'preload a1', 'run a1']);
});

it('does not run a turn whose claim was lost, though its state was read', async () => {
  const { events, answers, door } = world();
  const turn = door(contextOf(activity('message', 'a2')));
  await new Promise((r) => setImmediate(r));
  answers[0].resolve(false);
  await turn;
  expect(events).toEqual(['claim a2', 'preload a2']);
});

it('reads no state for an activity whose turn reads none (a conversation update)', async () => {
  const { events, answers, door } = world();
  const turn = door(contextOf(activity('conversationUpdate', 'a3')));
  await new Promise((r) => setImmediate(r));
  answers[0].resolve(true);
  await turn;
  expect(events).toEqual(['claim a3', 'run a3']);
});
