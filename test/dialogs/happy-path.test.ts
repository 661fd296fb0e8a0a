// The guided path for each command people log most: typed answers, confirmation, saved for real.
import { getItem, getProject, latestStatus } from '../../core/services';
import { useTestDatabase } from '../support/db';
import type { World } from '../core/services/fixtures';
import { play, startChat, type ChatOptions, type Turn } from './support';

useTestDatabase();

interface Case {
  name: string;
  options?: ChatOptions;
  turns: Turn[];
  stored: (world: World) => Promise<void>;
}

const CASES: Case[] = [
  {
    name: 'risk',
    turns: [
      { user: 'risk', bot: ['Asking title: What is the risk?'], status: 'waiting' },
      { user: 'Vendor API may slip', bot: ['Asking probability: How likely is it'], status: 'waiting' },
      { user: '4', bot: ['Asking impact: How bad would it be'], status: 'waiting' },
      { user: '5', bot: ['Asking project: Which project is it for?'], status: 'waiting' },
      { user: 'apollo', bot: ['Confirm: title=Vendor API may slip, probability=4, impact=5, project=APOLLO, owner=Jane'], status: 'waiting' },
      { user: 'save', bot: ['Saved R-1 Vendor API may slip'], status: 'complete' },
    ],
    stored: async (world) => {
      const { item } = await getItem(world.ws, 'R-1');
      expect(item).toMatchObject({ kind: 'risk', title: 'Vendor API may slip', probability: 4, impact: 5, score: 20, projectKey: 'APOLLO', ownerId: 'u-owner' });
    },
  },
  {
    name: 'issue',
    turns: [
      { user: 'issue', bot: ['Asking title: What is the issue?'], status: 'waiting' },
      { user: 'Build server down', bot: ['Asking project:'], status: 'waiting' },
      { user: 'APOLLO', bot: ['Confirm: title=Build server down, project=APOLLO, owner=Jane'], status: 'waiting' },
      { user: 'yes', bot: ['Saved I-1 Build server down'], status: 'complete' },
    ],
    stored: async (world) => {
      const { item } = await getItem(world.ws, 'I-1');
      expect(item).toMatchObject({ kind: 'issue', title: 'Build server down', projectKey: 'APOLLO', status: 'open' });
    },
  },
  {
    name: 'change',
    turns: [
      { user: 'change', bot: ['Asking title: What change is requested?'], status: 'waiting' },
      { user: 'Add SSO to scope', bot: ['Asking project:'], status: 'waiting' },
      { user: 'APOLLO', bot: ['Confirm: title=Add SSO to scope, project=APOLLO, owner=Jane'], status: 'waiting' },
      { user: 'ok', bot: ['Saved C-1 Add SSO to scope'], status: 'complete' },
    ],
    stored: async (world) => {
      const { item } = await getItem(world.ws, 'C-1');
      expect(item).toMatchObject({ kind: 'change', title: 'Add SSO to scope', decision: 'pending' });
    },
  },
  {
    name: 'status (the PM, skipping what they have nothing for)',
    options: { actor: (world) => world.pm },
    turns: [
      { user: 'status', bot: ['Asking project: Which project is this update for?'], status: 'waiting' },
      { user: 'APOLLO', bot: ['Asking rag: How is the project overall? (red, amber, green)'], status: 'waiting' },
      { user: 'Amber', bot: ['Asking schedule: How is the schedule? (red, amber, green) (or skip)'] },
      { user: 'r', bot: ['Asking scope:'] },
      { user: 'skip', bot: ['Asking cost:'] },
      { user: 'green', bot: ['Asking reason: Why is it amber or red? What went off track?'] },
      { user: 'Vendor late on the API', bot: ['Asking forecast: When do you now expect the project to finish? (or skip)'] },
      { user: 'skip', bot: ['Asking summary:'] },
      { user: 'Vendor delay eats the buffer', bot: ['Asking done:'] },
      { user: 'skip', bot: ['Asking next:'] },
      { user: 'Escalate to the steering group', bot: ['Asking blockers:'] },
      { user: 'skip', bot: [/^Confirm: project=APOLLO, rag=amber, schedule=red, cost=green, reason=Vendor late on the API, summary=Vendor delay eats the buffer, next=Escalate/] },
      { user: 'save', bot: ['Status APOLLO amber'], status: 'complete' },
    ],
    stored: async (world) => {
      const status = await latestStatus(world.ws, 'APOLLO');
      expect(status).toMatchObject({ overall: 'amber', schedule: 'red', cost: 'green', reason: 'Vendor late on the API', summary: 'Vendor delay eats the buffer', authorId: 'u-pm' });
      expect(status?.scope ?? null).toBeNull();
    },
  },
  {
    name: 'project add (a PMO admin)',
    options: { actor: (world) => world.admin },
    turns: [
      { user: 'project add', bot: ["Asking keyInput: What is the new project's key?"], status: 'waiting' },
      { user: 'zeus', bot: ['Asking title: What is the project called?'], status: 'waiting' },
      { user: 'Zeus data platform', bot: ['Confirm: key=ZEUS, title=Zeus data platform'], status: 'waiting' },
      { user: 'save', bot: ['Added project ZEUS "Zeus data platform"'], status: 'complete' },
    ],
    stored: async (world) => {
      expect(await getProject(world.ws, 'ZEUS')).toMatchObject({ key: 'ZEUS', name: 'Zeus data platform', active: true });
    },
  },
];

describe('guided happy paths', () => {
  it.each(CASES)('$name: asks each required field, confirms, saves', async ({ options, turns, stored }) => {
    const chat = await startChat(options);
    await play(chat, turns);
    await stored(chat.world);
  });
});
