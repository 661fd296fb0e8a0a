// A form never traps anyone: a command (typed, or another card's button) ends it with one line and
// runs; `help risk` is answered with the form kept; a form unanswered for 30 minutes ends by itself.
import { ConversationState, MemoryStorage, TestAdapter, type Activity, type TurnContext } from 'botbuilder';
import { CARD_VERBS } from '../../cards/verbs';
import type { Actor } from '../../core/domain';
import { createRisk, getItem, getProject, latestStatus, listPortfolios } from '../../core/services';
import { createDialogs, runDialogs } from '../../dialogs/root.dialog';
import { FORM_TTL_MS } from '../../dialogs/interruptions';
import { setRunContext } from '../../dialogs/run-context';
import { useTestDatabase } from '../support/db';
import { makeWorld, type World } from '../core/services/fixtures';
import { itemCount, NOW, runContextFor, TextPresenter, ZONE } from './support';

useTestDatabase();

/** The bot as Teams runs it: runDialogs over conversation state, a clock the test moves. */
interface Bot {
  world: World;
  clock: { now: Date };
  say(input: string | Partial<Activity>): Promise<string[]>;
  waiting(): boolean;
}

async function startBot(actor: (world: World) => Actor = (w) => w.admin): Promise<Bot> {
  const world = await makeWorld({ timeZone: ZONE });
  await createRisk(world.ws, world.owner, { title: 'Seeded risk', projectKey: 'APOLLO', probability: 4, impact: 4 }, NOW);
  const clock = { now: NOW };
  const conversationState = new ConversationState(new MemoryStorage());
  let stackDepth = 0;
  const adapter = new TestAdapter(async (context: TurnContext) => {
    setRunContext(context, runContextFor(world, actor(world), { now: clock.now }));
    await runDialogs(context, conversationState, createDialogs({ presenter: new TextPresenter() }));
    const state = conversationState.get(context) as { 'pmo.dialogState'?: { dialogStack?: unknown[] } } | undefined;
    stackDepth = state?.['pmo.dialogState']?.dialogStack?.length ?? 0;
    await conversationState.saveChanges(context);
  });
  return {
    world,
    clock,
    async say(input) {
      const activity = typeof input === 'string' ? { type: 'message', text: input } : { type: 'message', ...input };
      await adapter.receiveActivity(activity);
      return adapter.activeQueue.splice(0).map((a) => a.text ?? '');
    },
    waiting: () => stackDepth > 0,
  };
}

/** A valid typed answer for each field a form may ask, by the id the prompt shows. */
const ANSWERS: Record<string, string> = {
  title: 'Vendor API may slip',
  probability: '4',
  impact: '5',
  project: 'APOLLO',
  keyInput: 'R-1',
  fields: 'p=2',
  resolution: 'skip',
  rag: 'green',
  schedule: 'skip',
  scope: 'skip',
  cost: 'skip',
  forecast: 'skip',
  summary: 'All good',
  done: 'skip',
  next: 'skip',
  blockers: 'skip',
  description: 'skip',
  person: 'me',
  user: 'me',
  role: 'pm',
  portfolio: 'skip',
  program: 'skip',
  pm: 'skip',
  outcome: 'Switch to vendor B',
};

interface Form {
  command: string;
  left: string;
  /** Answers of this form's own, over ANSWERS. */
  answers?: Record<string, string>;
  /** Nothing of this form was stored. */
  nothingSaved: (world: World) => Promise<void>;
}

const riskUnchanged = async (world: World) => expect((await getItem(world.ws, 'R-1')).item).toMatchObject({ probability: 4, status: 'open' });

const FORMS: Form[] = [
  { command: 'risk', left: 'the risk you were logging', nothingSaved: async (w) => expect(await itemCount(w, 'risk')).toBe(1) },
  { command: 'issue', left: 'the issue you were logging', nothingSaved: async (w) => expect(await itemCount(w, 'issue')).toBe(0) },
  { command: 'change', left: 'the change request you were logging', nothingSaved: async (w) => expect(await itemCount(w, 'change')).toBe(0) },
  { command: 'decision', left: 'the decision you were logging', nothingSaved: async (w) => expect(await itemCount(w, 'decision')).toBe(0) },
  { command: 'action', left: 'the action you were logging', nothingSaved: async (w) => expect(await itemCount(w, 'action')).toBe(0) },
  { command: 'status APOLLO', left: 'the status update you were writing', nothingSaved: async (w) => expect(await latestStatus(w.ws, 'APOLLO')).toBeNull() },
  { command: 'update', left: 'the changes you were making', nothingSaved: riskUnchanged },
  { command: 'close', left: 'the item you were closing', nothingSaved: riskUnchanged },
  { command: 'escalate', left: 'the item you were escalating', nothingSaved: async (w) => expect(await itemCount(w, 'issue')).toBe(0) },
  {
    command: 'portfolio add', left: 'the portfolio you were adding', answers: { keyInput: 'EMEA', title: 'Europe' },
    nothingSaved: async (w) => expect(await listPortfolios(w.ws)).toHaveLength(0),
  },
  {
    command: 'project add', left: 'the project you were adding', answers: { keyInput: 'HERMES', title: 'Hermes' },
    nothingSaved: async (w) => expect(await getProject(w.ws, 'HERMES')).toBeNull(),
  },
  { command: 'role', left: 'the role you were granting', nothingSaved: async () => undefined },
  { command: 'link', left: 'the channel link you were setting up', nothingSaved: async () => undefined },
];

/** The prompts a form asks, in order, when every step is answered validly: `['title', 'probability', …, 'confirm']`. */
async function stepsOf(form: Form): Promise<string[]> {
  const bot = await startBot();
  const steps: string[] = [];
  const transcript: string[] = [];
  let lines = await bot.say(form.command);
  transcript.push(...lines);
  for (let guard = 0; guard < 20; guard++) {
    const asked = /^Asking (\w+):/.exec(lines[lines.length - 1] ?? '');
    if (asked === null) {
      if ((lines[lines.length - 1] ?? '').startsWith('Confirm:')) steps.push('confirm');
      return steps;
    }
    steps.push(asked[1]);
    const answer = answerFor(form, asked[1]);
    if (answer === undefined) throw new Error(`no answer for the ${form.command} form's field ${asked[1]}`);
    lines = await bot.say(answer);
    transcript.push(`> ${answer}`, ...lines);
  }
  throw new Error(`the ${form.command} form never reached its confirmation:\n${transcript.join('\n')}`);
}

const answerFor = (form: Form, field: string): string | undefined => form.answers?.[field] ?? ANSWERS[field];

async function reach(form: Form, steps: readonly string[], at: number): Promise<Bot> {
  const bot = await startBot();
  await bot.say(form.command);
  for (const step of steps.slice(0, at)) await bot.say(answerFor(form, step) ?? '');
  expect(bot.waiting()).toBe(true);
  return bot;
}

const INLINE_ISSUE = 'issue Printer on fire priority=high project=APOLLO';

const INTERRUPTIONS: { name: string; input: string | Partial<Activity>; reply: RegExp }[] = [
  { name: 'list risks', input: 'list risks', reply: /^List 1$/ },
  { name: 'a whole inline issue', input: INLINE_ISSUE, reply: /^Saved I-1 Printer on fire$/ },
  { name: 'a bare command word', input: 'risk', reply: /^Asking title:/ },
  { name: 'show KEY', input: 'show R-1', reply: /^Item R-1 Seeded risk$/ },
  { name: 'a Show button of another card', input: { value: { verb: CARD_VERBS.showItem, key: 'R-1' } }, reply: /^Item R-1 Seeded risk$/ },
];

describe.each(FORMS)('while the $command form waits', (form) => {
  let steps: string[] = [];
  beforeAll(async () => {
    steps = await stepsOf(form);
  });

  it('has steps to interrupt', () => {
    expect(steps.length).toBeGreaterThan(1);
    expect(steps[steps.length - 1]).toBe('confirm');
  });

  it('a command at any step runs as that command, and the form ends with one line', async () => {
    // Every step meets every kind of interruption across the forms (rotated, to keep the table quick).
    const offset = FORMS.indexOf(form);
    for (let at = 0; at < steps.length; at++) {
      const { name, input, reply } = INTERRUPTIONS[(at + offset) % INTERRUPTIONS.length];
      const bot = await reach(form, steps, at);
      const lines = await bot.say(input);
      expect({ step: steps[at], name, lines }).toEqual({ step: steps[at], name, lines: [`Left ${form.left}; nothing was saved.`, expect.stringMatching(reply)] });
      // Only the new command's own form (a bare `risk`) may wait now.
      expect(bot.waiting()).toBe(input === 'risk');
      if (input !== INLINE_ISSUE) await form.nothingSaved(bot.world);
    }
  });

  it('help with a topic is answered and the form keeps waiting; bare help explains the step', async () => {
    for (let at = 0; at < steps.length; at++) {
      const bot = await reach(form, steps, at);
      const lines = await bot.say('help risk');
      expect(lines[0]).toMatch(/^Help: /);
      expect(lines).toHaveLength(2);
      expect(bot.waiting()).toBe(true);
      expect((await bot.say('help'))[0]).toMatch(/^I am /);
      expect(bot.waiting()).toBe(true);
      await form.nothingSaved(bot.world);
    }
  });

  it('left unanswered for 30 minutes it ends by itself, and the next message is a fresh start', async () => {
    for (let at = 0; at < steps.length; at++) {
      const bot = await reach(form, steps, at);
      bot.clock.now = new Date(NOW.getTime() + FORM_TTL_MS - 1000);
      // Just under 30 minutes: still waiting; the answer is taken as the answer.
      expect(bot.waiting()).toBe(true);
      bot.clock.now = new Date(bot.clock.now.getTime() + FORM_TTL_MS + 1000);
      const lines = await bot.say(answerFor(form, steps[at]) ?? 'save');
      expect(lines[0]).toMatch(/waited over 30 minutes without an answer, so the form ended; nothing was saved\.$/);
      expect(lines[1]).toMatch(/^Error|^List|^Asking/);
      await form.nothingSaved(bot.world);
    }
  });
});

describe('answers that read like commands stay answers', () => {
  it('change FIELD at the confirmation edits that field', async () => {
    const bot = await startBot();
    for (const answer of ['risk', 'Vendor API may slip', '4', '5']) await bot.say(answer);
    expect(await bot.say('APOLLO')).toEqual([expect.stringMatching(/^Confirm: /)]);
    expect(await bot.say('change p')).toEqual([expect.stringMatching(/^Asking probability:/)]);
    expect(await bot.say('3')).toEqual([expect.stringMatching(/^Confirm: .*probability=3/)]);
  });

  it.each(['status of the vendor is unclear', 'list of open points', 'export of data failed', '"Change the supplier"'])('%s answers a free-text step', async (text) => {
    const bot = await startBot();
    await bot.say('risk');
    const lines = await bot.say(text);
    expect(lines).toEqual([expect.stringMatching(/^Asking probability:/)]);
  });

  it('an answer given just before the 30 minutes is still the answer', async () => {
    const bot = await startBot();
    await bot.say('risk');
    bot.clock.now = new Date(NOW.getTime() + FORM_TTL_MS - 1000);
    expect(await bot.say('Vendor API may slip')).toEqual([expect.stringMatching(/^Asking probability:/)]);
    // Each answer restarts the 30 minutes.
    bot.clock.now = new Date(bot.clock.now.getTime() + FORM_TTL_MS - 1000);
    expect(await bot.say('4')).toEqual([expect.stringMatching(/^Asking impact:/)]);
  });
});

describe('cancel from another card', () => {
  it('Cancel on an old card of another form leaves the waiting form be', async () => {
    const bot = await startBot();
    await bot.say('issue');
    const lines = await bot.say({ value: { verb: CARD_VERBS.cancel, command: 'risk' } });
    expect(lines).toEqual([expect.stringMatching(/no longer open, so it did nothing; your issue form is still waiting/)]);
    expect(bot.waiting()).toBe(true);
    expect(await bot.say('Build server down')).toEqual([expect.stringMatching(/^Asking /)]);
  });

  it("the waiting form's own Cancel ends it", async () => {
    const bot = await startBot();
    await bot.say('issue');
    expect(await bot.say({ value: { verb: CARD_VERBS.cancel, command: 'issue' } })).toEqual(['Cancelled — nothing was saved.']);
    expect(bot.waiting()).toBe(false);
  });
});

describe('a form card of another command', () => {
  it('submitted while a form waits ends that form and is read as its own form', async () => {
    const bot = await startBot();
    await bot.say('risk');
    const lines = await bot.say({ value: { verb: CARD_VERBS.submitForm, command: 'issue', title: 'Build server down', priority: 'high', project: 'APOLLO' } });
    expect(lines).toEqual(['Left the risk you were logging; nothing was saved.', expect.stringMatching(/^Confirm: title=Build server down/)]);
    expect(await bot.say('save')).toEqual(['Saved I-1 Build server down']);
    expect(await itemCount(bot.world, 'risk')).toBe(1);
  });
});

describe('cards of another form instance', () => {
  it('Cancel on an old card of the same kind (another instance) leaves the waiting form be', async () => {
    const bot = await startBot();
    await bot.say('risk');
    await bot.say('New risk');
    const lines = await bot.say({ value: { verb: CARD_VERBS.cancel, command: 'risk', form: 'an-older-form' } });
    expect(lines).toEqual([expect.stringMatching(/no longer open, so it did nothing; your risk form is still waiting/)]);
    expect(await bot.say('4')).toEqual([expect.stringMatching(/^Asking impact:/)]);
  });

  it("an old form card of the same kind is not applied to the waiting form", async () => {
    const bot = await startBot();
    await bot.say('risk');
    const lines = await bot.say({ value: { verb: CARD_VERBS.submitForm, command: 'risk', form: 'an-older-form', title: 'Old', probability: '1', impact: '1', project: 'APOLLO' } });
    expect(lines).toEqual([expect.stringMatching(/no longer open/)]);
    expect(await bot.say('Fresh title')).toEqual([expect.stringMatching(/^Asking probability:/)]);
  });

  it("an old confirmation's Save or Edit never ends or answers the waiting form", async () => {
    const bot = await startBot();
    await bot.say('issue');
    for (const value of [
      { verb: CARD_VERBS.confirmSave, command: 'risk' },
      { verb: CARD_VERBS.confirmSave, command: 'issue', form: 'an-older-form' },
      { verb: CARD_VERBS.editField, command: 'issue', field: 'title', form: 'an-older-form' },
    ]) {
      expect(await bot.say({ value })).toEqual([expect.stringMatching(/no longer open, so it did nothing; your issue form is still waiting/)]);
    }
    expect(bot.waiting()).toBe(true);
  });
});

describe('free text that starts with a command word', () => {
  async function atConfirmation(): Promise<Bot> {
    const bot = await startBot();
    for (const answer of ['risk', 'Vendor API may slip', '4', '5']) await bot.say(answer);
    expect(await bot.say('APOLLO')).toEqual([expect.stringMatching(/^Confirm: /)]);
    return bot;
  }

  it.each([
    ['change the due date', 'due'],
    ['change the owner to Bob', 'owner'],
    ['change mitigation plan', 'mitigation'],
    ['edit Due date', 'due'],
  ])('%s at the confirmation edits that field', async (text, field) => {
    const bot = await atConfirmation();
    expect(await bot.say(text)).toEqual([expect.stringMatching(new RegExp(`^Asking ${field}:`))]);
    expect(await itemCount(bot.world, 'change')).toBe(0);
  });

  it('change supplier at the confirmation says there is no such field, and saves no change request', async () => {
    const bot = await atConfirmation();
    expect(await bot.say('change supplier')).toEqual([expect.stringMatching(/There is no field "supplier" here/)]);
    expect(await itemCount(bot.world, 'change')).toBe(0);
    expect(bot.waiting()).toBe(true);
  });

  it.each(['Issue triage and vendor call', 'Risk review done with the vendor', 'Change of supplier agreed'])(
    '"%s" answers a free-text step of the status form',
    async (text) => {
      const bot = await startBot((w) => w.pm);
      for (const answer of ['status APOLLO', 'green', 'skip', 'skip', 'skip', 'skip']) await bot.say(answer);
      expect(await bot.say(text)).toEqual([expect.stringMatching(/^Asking done:/)]);
      expect(await itemCount(bot.world, 'issue')).toBe(0);
      expect(await itemCount(bot.world, 'change')).toBe(0);
    },
  );

  it('a new item with its fields named still interrupts a free-text step', async () => {
    const bot = await startBot();
    await bot.say('risk');
    expect(await bot.say('issue Printer on fire priority=high project=APOLLO')).toEqual([
      'Left the risk you were logging; nothing was saved.', 'Saved I-1 Printer on fire',
    ]);
  });
});
