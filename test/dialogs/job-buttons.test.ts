// The buttons of the job cards: done, snooze, set due date and "post status update", whatever dialog is open.
import type { Activity } from 'botbuilder';
import { isCardActionData } from '../../cards/verbs';
import type { JobCommands } from '../../core/runner';
import { createRisk, getItem } from '../../core/services';
import { useTestDatabase } from '../support/db';
import type { World } from '../core/services/fixtures';
import { play, startChat, type ChatOptions, type Turn } from './support';

useTestDatabase();

/** NOW in support is Tuesday 10 March 2026: this risk has been overdue since 1 March. */
const seedOverdueRisk = (world: World) =>
  createRisk(world.ws, world.owner, { title: 'Vendor API may slip', projectKey: 'APOLLO', probability: 4, impact: 5, due: '2026-03-01' }, new Date('2026-02-20T10:00:00Z'));

const press = (value: Record<string, unknown>): Partial<Activity> => ({ text: undefined, value });

interface Case {
  name: string;
  options?: ChatOptions;
  turns: Turn[];
  check?: (world: World) => Promise<void>;
}

const CASES: Case[] = [
  {
    name: 'Mark done closes the item, with history',
    turns: [{ user: press({ verb: 'pmo.item.done', key: 'R-1' }), bot: ['closed R-1 Vendor API may slip'], status: 'complete' }],
    check: async (world) => {
      const { item, history } = await getItem(world.ws, 'R-1');
      expect(item).toMatchObject({ status: 'closed', resolution: 'Marked done from the overdue reminder.' });
      expect(history[history.length - 1]).toMatchObject({ action: 'closed', byId: 'u-owner', from: 'open', to: 'closed' });
    },
  },
  {
    name: 'Mark done by someone who may not is refused, naming who may',
    options: { actor: (world) => world.other },
    turns: [{ user: press({ verb: 'pmo.item.done', key: 'R-1' }), bot: [/^Error: Only the owner \(Jane\), the project's PM \(Sam\) or a PMO admin can close R-1\./] }],
    check: async (world) => expect((await getItem(world.ws, 'R-1')).item.status).toBe('open'),
  },
  {
    name: 'Snooze a week moves an overdue date to a week from today, with history',
    turns: [{ user: press({ verb: 'pmo.item.snooze', key: 'R-1', days: 7 }), bot: ['updated R-1 Vendor API may slip'] }],
    check: async (world) => {
      const { item, history } = await getItem(world.ws, 'R-1');
      expect(item.due).toBe('2026-03-17');
      expect(history[history.length - 1]).toMatchObject({ action: 'updated', field: 'due', from: '2026-03-01', to: '2026-03-17', byId: 'u-owner' });
    },
  },
  {
    name: 'Set due date takes the date from the card input due_<key>',
    options: { actor: (world) => world.pm },
    turns: [{ user: press({ verb: 'pmo.item.due', key: 'R-1', 'due_R-1': '2026-04-02' }), bot: ['updated R-1 Vendor API may slip'] }],
    check: async (world) => {
      const { item, history } = await getItem(world.ws, 'R-1');
      expect(item.due).toBe('2026-04-02');
      expect(history[history.length - 1]).toMatchObject({ field: 'due', to: '2026-04-02', byId: 'u-pm' });
    },
  },
  {
    name: 'Set due date with a date that is not one says so and changes nothing',
    turns: [{ user: press({ verb: 'pmo.item.due', key: 'R-1', 'due_R-1': 'someday soon' }), bot: [/^Error \[due\]: R-1: .*someday soon.*Nothing was changed\.$/] }],
    check: async (world) => expect((await getItem(world.ws, 'R-1')).item.due).toBe('2026-03-01'),
  },
  {
    name: 'Set due date in the past is taken like a typed one, and the reply says the item is overdue',
    options: { actor: (world) => world.pm },
    turns: [{ user: press({ verb: 'pmo.item.due', key: 'R-1', 'due_R-1': '2026-03-02' }), bot: ['updated R-1 Vendor API may slip (Already overdue: it was due Mon 2 Mar.)'] }],
    check: async (world) => expect((await getItem(world.ws, 'R-1')).item.due).toBe('2026-03-02'),
  },
  {
    name: 'Set due date with a day that cannot exist says why and changes nothing',
    turns: [{ user: press({ verb: 'pmo.item.due', key: 'R-1', 'due_R-1': '2026-02-30' }), bot: ['Error [due]: R-1: due date "2026-02-30" is not a real calendar date. Nothing was changed.'] }],
    check: async (world) => expect((await getItem(world.ws, 'R-1')).item.due).toBe('2026-03-01'),
  },
  {
    name: 'Set due date with no date picked asks for one',
    turns: [{ user: press({ verb: 'pmo.item.due', key: 'R-1' }), bot: ['Error [due]: Pick a new due date for R-1 in the date box first; nothing was changed.'] }],
  },
  {
    name: 'Post status update starts the status dialog for that project',
    options: { actor: (world) => world.pm },
    turns: [
      { user: press({ verb: 'pmo.start', command: 'status', project: 'APOLLO' }), bot: [/^Asking rag: /], status: 'waiting' },
      { user: 'green', bot: [/^Asking schedule: /] },
    ],
  },
  {
    name: 'a reminder button pressed while a form is open is done at once, and the form ends with one line',
    turns: [
      { user: 'issue', bot: [/^Asking title: /], status: 'waiting' },
      { user: press({ verb: 'pmo.item.snooze', key: 'R-1', days: 7 }), bot: ['Left the issue you were logging; nothing was saved.', 'updated R-1 Vendor API may slip'], status: 'complete' },
      { user: 'Build server down', bot: [/^Error: start with a command|I don't know the command/] },
    ],
    check: async (world) => expect((await getItem(world.ws, 'R-1')).item.due).toBe('2026-03-17'),
  },
];

describe('job card buttons', () => {
  it.each(CASES)('$name', async ({ options, turns, check }) => {
    const chat = await startChat(options);
    await seedOverdueRisk(chat.world);
    await play(chat, turns);
    await check?.(chat.world);
  });

  it('snoozes a date still ahead a week on from itself, and a closed item not at all', async () => {
    const chat = await startChat();
    await createRisk(chat.world.ws, chat.world.owner, { title: 'Later risk', projectKey: 'APOLLO', probability: 2, impact: 2, due: '2026-04-30' }, new Date('2026-03-01T10:00:00Z'));
    await play(chat, [{ user: press({ verb: 'pmo.item.snooze', key: 'R-1', days: 7 }), bot: ['updated R-1 Later risk'] }]);
    expect((await getItem(chat.world.ws, 'R-1')).item.due).toBe('2026-05-07');
    await play(chat, [
      { user: press({ verb: 'pmo.item.done', key: 'R-1' }), bot: ['closed R-1 Later risk'] },
      { user: press({ verb: 'pmo.item.snooze', key: 'R-1', days: 7 }), bot: ['R-1 is already closed; there is nothing to snooze.'] },
    ]);
  });
});

describe('digest and reminders from a chat', () => {
  it('run through the job runtime the dialogs were given', async () => {
    const asked: string[] = [];
    const jobs: JobCommands = {
      digestNow: async (r) => {
        asked.push(`digest ${r.portfolioKey ?? '*'} in ${r.channelId}`);
        return { planned: 1, sent: 1, failed: [], sentByKind: { digest: 1 } };
      },
      remindersNow: async () => ({ planned: 3, sent: 3, failed: [], sentByKind: { pm_reminder: 1, owner_reminder: 2 } }),
      scorecardNow: async () => ({ planned: 1, sent: 1, failed: [], sentByKind: { scorecard: 1 } }),
    };
    const chat = await startChat({ actor: (world) => world.admin, deps: { jobs }, extra: { channelId: '19:exec' } });
    await play(chat, [
      { user: 'digest', bot: ['Posted the portfolio digest here.'], status: 'complete' },
      { user: 'reminders', bot: ['Sent 3 overdue reminders: 1 to a PM and 2 to owners.'], status: 'complete' },
    ]);
    expect(asked).toEqual(['digest * in 19:exec']);
  });
});

describe('isCardActionData for the job verbs', () => {
  it.each([
    [{ verb: 'pmo.item.done', key: 'R-7' }, true],
    [{ verb: 'pmo.item.done' }, false],
    [{ verb: 'pmo.item.snooze', key: 'R-7', days: 7 }, true],
    [{ verb: 'pmo.item.snooze', key: 'R-7', days: '7' }, false],
    [{ verb: 'pmo.item.snooze', key: 'R-7', days: 0 }, false],
    [{ verb: 'pmo.item.due', key: 'I-3', 'due_I-3': '2026-12-04' }, true],
    [{ verb: 'pmo.start', command: 'status', project: 'APOLLO' }, true],
    [{ verb: 'pmo.start', command: 'status' }, true],
    [{ verb: 'pmo.start', command: 'risk', project: 'APOLLO' }, false],
  ])('%j → %s', (value, expected) => {
    expect(isCardActionData(value)).toBe(expected);
  });
});
