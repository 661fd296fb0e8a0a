// The entry dialog: inline commands save at once, the rest are guided; the runner's refusals re-ask.
import { getItem, getPerson, getProject, linkChannel, createRisk, latestStatus } from '../../core/services';
import { runCommand } from '../../core/runner';
import type { RunCommand } from '../../dialogs/dialog-deps';
import { useTestDatabase } from '../support/db';
import type { World } from '../core/services/fixtures';
import { itemCount, NOW, play, startChat, type ChatOptions, type Turn } from './support';

useTestDatabase();

interface Case {
  name: string;
  options?: ChatOptions;
  seed?: (world: World) => Promise<unknown>;
  turns: Turn[];
  check?: (world: World) => Promise<void>;
}

const admin: ChatOptions = { actor: (world) => world.admin };
const seedRisk = (world: World) => createRisk(world.ws, world.owner, { title: 'Seeded risk', projectKey: 'APOLLO', probability: 4, impact: 4 }, NOW);

const INLINE: Case[] = [
  {
    name: 'risk',
    turns: [{ user: 'risk Vendor API may slip p=4 i=5 project=APOLLO due="next friday"', bot: ['Saved R-1 Vendor API may slip'], status: 'complete' }],
    check: async (world) => expect((await getItem(world.ws, 'R-1')).item).toMatchObject({ score: 20, due: '2026-03-20', ownerId: 'u-owner' }),
  },
  {
    name: 'issue',
    turns: [{ user: 'issue Build server down priority=high project=APOLLO', bot: ['Saved I-1 Build server down'], status: 'complete' }],
    check: async (world) => expect((await getItem(world.ws, 'I-1')).item).toMatchObject({ priority: 'high' }),
  },
  {
    name: 'change',
    turns: [{ user: 'change Add SSO to scope impact="+2 weeks" project=APOLLO', bot: ['Saved C-1 Add SSO to scope'], status: 'complete' }],
    check: async (world) => expect((await getItem(world.ws, 'C-1')).item).toMatchObject({ impact: '+2 weeks' }),
  },
  {
    name: 'status',
    options: { actor: (world) => world.pm },
    turns: [{ user: 'status APOLLO rag=green summary="On track"', bot: ['Status APOLLO green'], status: 'complete' }],
    check: async (world) => expect(await latestStatus(world.ws, 'APOLLO')).toMatchObject({ overall: 'green', summary: 'On track' }),
  },
  {
    name: 'project add',
    options: admin,
    turns: [{ user: 'project add ZEUS "Zeus data platform"', bot: ['Added project ZEUS "Zeus data platform"'], status: 'complete' }],
    check: async (world) => expect(await getProject(world.ws, 'ZEUS')).toMatchObject({ name: 'Zeus data platform' }),
  },
  {
    name: 'risk in a channel linked to APOLLO (project= defaults to it)',
    options: { extra: { channelId: '19:apollo-channel' } },
    seed: (world) => linkChannel(world.ws, world.admin, 'APOLLO', { platform: 'teams', channelId: '19:apollo-channel' }),
    turns: [{ user: 'risk Key engineer leaving p=2 i=4', bot: ['Saved R-1 Key engineer leaving'], status: 'complete' }],
    check: async (world) => expect((await getItem(world.ws, 'R-1')).item).toMatchObject({ projectKey: 'APOLLO' }),
  },
  {
    name: 'close with a resolution',
    seed: seedRisk,
    turns: [{ user: 'close R-1 Vendor delivered', bot: ['closed R-1 Seeded risk'], status: 'complete' }],
    check: async (world) => expect((await getItem(world.ws, 'R-1')).item).toMatchObject({ status: 'closed' }),
  },
];

describe('a complete inline command', () => {
  it.each(INLINE)('$name: saved at once, no dialog left open', async ({ options, seed, turns, check }) => {
    const chat = await startChat(options);
    await seed?.(chat.world);
    await play(chat, turns);
    expect(chat.client.dialogContext.stack).toHaveLength(0);
    await check?.(chat.world);
  });
});

const GUIDED: Case[] = [
  {
    name: 'an unknown command gets the parser\'s suggestion',
    turns: [{ user: 'rsik Vendor API may slip', bot: [/^Error( \[command\])?: I don't know the command "rsik" \(did you mean "risk"\?\)/], status: 'complete' }],
  },
  {
    name: 'a command without a guided form and with errors is explained',
    turns: [{ user: 'list rsiks', bot: [/^Error: list does not understand "rsiks" \(did you mean "risks"\?\)/i], status: 'complete' }],
  },
  {
    name: 'show alone asks the key, then shows (nothing to confirm)',
    seed: seedRisk,
    turns: [
      { user: 'show', bot: ['Asking keyInput: Which item?'], status: 'waiting' },
      { user: 'R-99', bot: [/^Asking keyInput: .*R-99/] },
      { user: 'r1', bot: ['Item R-1 Seeded risk'], status: 'complete' },
    ],
  },
  {
    name: 'update with a bad value re-asks the changes, then saves them',
    seed: seedRisk,
    turns: [
      { user: 'update R-1 p=9', bot: ['Asking fields: P: probability must be a whole number from 1 to 5, got "9". What should change?'] },
      { user: 'p=2 due=2026-04-30', bot: ['Confirm: key=R-1, fields=probability=2 due=2026-04-30'] },
      { user: 'save', bot: ['updated R-1 Seeded risk'], status: 'complete' },
    ],
    check: async (world) => expect((await getItem(world.ws, 'R-1')).item).toMatchObject({ probability: 2, due: '2026-04-30' }),
  },
  {
    name: 'escalate alone asks for a risk or issue key',
    seed: seedRisk,
    turns: [
      { user: 'escalate', bot: ['Asking keyInput: Which risk has happened, or which issue needs a change request?'] },
      { user: 'C-1', bot: [/^Asking keyInput: Only risks or issues can be used here \(R-n, I-n\), got "C-1", which is a change request/] },
      { user: 'R-1', bot: ['Confirm: key=R-1'] },
      { user: 'yes', bot: ['escalated I-1 Seeded risk'], status: 'complete' },
    ],
  },
  {
    name: 'role takes an @mention as the doors hand it over',
    options: admin,
    turns: [
      { user: 'role', bot: ['Asking user: Who gets the role?'] },
      {
        user: '@{u-other|Olly}',
        bot: ['Asking role: Which role do they get?'],
      },
      { user: 'pm', bot: ['Confirm: user=Olly, role=pm'] },
      { user: 'save', bot: [/Olly/], status: 'complete' },
    ],
    check: async (world) => expect(await getPerson(world.ws, 'u-other')).toMatchObject({ role: 'pm' }),
  },
  {
    name: 'a refusal after confirmation that names a field re-asks that field (real runner: unknown program)',
    options: admin,
    turns: [
      { user: 'project add', bot: ['Asking keyInput:'] },
      { user: 'ZEUS', bot: ['Asking title:'] },
      { user: 'Zeus', bot: ['Confirm: key=ZEUS, title=Zeus'] },
      { user: 'edit program', bot: ['Asking program: Which program?'] },
      { user: 'NOPE', bot: ['Confirm: key=ZEUS, title=Zeus, program=NOPE'] },
      { user: 'save', bot: ['Asking program: There is no program NOPE in this workspace. Which program? Give its key. (or skip)'], status: 'waiting' },
      { user: 'skip', bot: ['Confirm: key=ZEUS, title=Zeus'] },
      { user: 'save', bot: ['Added project ZEUS "Zeus"'], status: 'complete' },
    ],
    check: async (world) => expect(await getProject(world.ws, 'ZEUS')).toMatchObject({ programKey: null }),
  },
  {
    name: 'a refusal that names no field ends the dialog with the reason, nothing saved',
    turns: [
      { user: 'project add ZEUS', bot: ['Asking title:'] },
      { user: 'Zeus', bot: ['Confirm: key=ZEUS, title=Zeus'] },
      { user: 'save', bot: [/^Error: .*PMO admin/], status: 'complete' },
    ],
    check: async (world) => expect(await getProject(world.ws, 'ZEUS')).toBeNull(),
  },
];

describe('routing and guided dialogs', () => {
  it.each(GUIDED)('$name', async ({ options, seed, turns, check }) => {
    const chat = await startChat(options);
    await seed?.(chat.world);
    await play(chat, turns);
    await check?.(chat.world);
  });
});

describe('a runner refusal after the confirmation', () => {
  /** The first save is refused as the runner would refuse it; the next ones really run. */
  function refusingOnce(field: string, message: string): RunCommand {
    let calls = 0;
    return async (command, ctx) => {
      calls += 1;
      return calls === 1 ? { type: 'error', view: { message }, field } : runCommand(command, ctx);
    };
  }

  it('re-asks that one field with the message, keeps the rest, then saves', async () => {
    const chat = await startChat({ deps: { run: refusingOnce('due', 'The due date falls in the change freeze.') } });
    await play(chat, [
      { user: 'risk Vendor API may slip p=4 i=5 due=2026-04-30', bot: ['Asking project:'] },
      { user: 'APOLLO', bot: [/^Confirm: .*due=2026-04-30$/] },
      { user: 'save', bot: ['Asking due: The due date falls in the change freeze. When is it due? (or skip)'], status: 'waiting' },
    ]);
    expect(await itemCount(chat.world, 'risk')).toBe(0);
    await play(chat, [
      { user: '2026-05-04', bot: ['Confirm: title=Vendor API may slip, probability=4, impact=5, project=APOLLO, owner=Jane, due=2026-05-04'] },
      { user: 'save', bot: ['Saved R-1 Vendor API may slip'], status: 'complete' },
    ]);
    expect((await getItem(chat.world.ws, 'R-1')).item).toMatchObject({ due: '2026-05-04' });
  });

  it('one the form cannot ask again ends with the error, nothing saved', async () => {
    const chat = await startChat({ deps: { run: refusingOnce('budget', 'Over budget.') } });
    await play(chat, [
      { user: 'risk Vendor API may slip p=4 i=5', bot: ['Asking project:'] },
      { user: 'APOLLO', bot: ['Confirm:'] },
      { user: 'save', bot: ['Error [budget]: Over budget.'], status: 'complete' },
    ]);
    expect(await itemCount(chat.world, 'risk')).toBe(0);
  });
});
