// Bad input re-asks only the field at fault, with the reason, and keeps everything else (SPEC §3).
import type { Actor } from '../../core/domain';
import { useTestDatabase } from '../support/db';
import type { World } from '../core/services/fixtures';
import { itemCount, play, startChat, type Turn } from './support';

useTestDatabase();

interface Case {
  name: string;
  actor?: (world: World) => Actor;
  turns: Turn[];
  /** What must be stored at the end (none: nothing). */
  saved?: { kind: 'risk' | 'issue'; count: number };
}

const RISK_INLINE = 'risk Vendor API may slip i=3 project=APOLLO';

const CASES: Case[] = [
  {
    name: 'p=7 inline',
    turns: [
      { user: `${RISK_INLINE} p=7`, bot: ['Asking probability: P: probability must be a whole number from 1 to 5, got "7". How likely is it'], status: 'waiting' },
      { user: '4', bot: ['Confirm: title=Vendor API may slip, probability=4, impact=3, project=APOLLO, owner=Jane'] },
      { user: 'save', bot: ['Saved R-1 Vendor API may slip'], status: 'complete' },
    ],
    saved: { kind: 'risk', count: 1 },
  },
  {
    name: 'p=abc typed, then 9, then right',
    turns: [
      { user: 'risk Vendor API may slip', bot: ['Asking probability:'] },
      { user: 'abc', bot: ['Asking probability: Probability must be a whole number from 1 to 5, got "abc". How likely'] },
      { user: '9', bot: ['Asking probability: Probability must be a whole number from 1 to 5, got "9".'] },
      { user: '2', bot: ['Asking impact: How bad'] },
      { user: 'i=6', bot: ['Asking impact: Impact must be a whole number from 1 to 5, got "6".'] },
      { user: 'impact = 3', bot: ['Asking project:'] },
    ],
  },
  {
    name: 'a date that is not one',
    turns: [
      { user: `${RISK_INLINE} p=2 due=someday soon`, bot: ['Asking due: Due date "someday soon" is not a date I can read; try 2026-12-04'] },
      { user: 'friday', bot: [/^Confirm: .*probability=2, impact=3, project=APOLLO, owner=Jane, due=2026-03-13$/] },
    ],
  },
  {
    name: 'a date that cannot exist',
    turns: [
      { user: `${RISK_INLINE} p=2 due=2026-02-30`, bot: ['Asking due: Due date "2026-02-30" is not a real calendar date. When is it due? (or skip)'] },
      { user: '31 Feb', bot: ['Asking due: Due date "31 Feb" is not a real calendar date. When is it due? (or skip)'] },
      { user: '2026-04-30', bot: [/^Confirm: .*due=2026-04-30$/] },
    ],
  },
  {
    name: 'an unknown project, typed',
    turns: [
      { user: 'risk Vendor API may slip p=2 i=3', bot: ['Asking project:'] },
      { user: 'APOLLX', bot: ['Asking project: There is no project APOLLX in this workspace; projects: APOLLO. Which project'] },
      { user: 'APOLLO', bot: ['Confirm: title=Vendor API may slip, probability=2, impact=3, project=APOLLO'] },
    ],
  },
  {
    name: 'an unknown project, inline (the runner refuses it; nothing is saved)',
    turns: [
      { user: 'risk Vendor API may slip p=2 i=3 project=APOLLX', bot: ['Asking project: There is no project APOLLX in this workspace.'], status: 'waiting' },
      { user: 'apollo', bot: ['Confirm: title=Vendor API may slip, probability=2, impact=3, project=APOLLO'] },
      { user: 'save', bot: ['Saved R-1'] },
    ],
    saved: { kind: 'risk', count: 1 },
  },
  {
    name: 'a bad priority',
    turns: [
      { user: 'issue Build server down priority=urgent project=APOLLO', bot: ['Asking priority: Priority must be one of low, medium, high, critical, got "urgent"'] },
      { user: 'hihg', bot: ['Asking priority: Priority must be one of low, medium, high, critical, got "hihg" (did you mean "high"?)'] },
      { user: 'high', bot: ['Confirm: title=Build server down, project=APOLLO, priority=high, owner=Jane'] },
    ],
  },
  {
    name: 'a bad RAG',
    actor: (world) => world.pm,
    turns: [
      { user: 'status APOLLO rag=purple', bot: ['Asking rag: Rag: overall RAG must be one of red, amber, green, got "purple"'] },
      { user: 'amber', bot: ['Asking schedule:'] },
      { user: 'purple', bot: ['Asking schedule: Schedule RAG must be one of red, amber, green, got "purple"'] },
      { user: 'skip', bot: ['Asking scope:'] },
    ],
  },
  {
    name: 'a required field cannot be skipped',
    turns: [
      { user: 'risk', bot: ['Asking title:'] },
      { user: 'skip', bot: ['Asking title: Title is needed, so it cannot be skipped.'] },
    ],
  },
];

describe('validation', () => {
  it.each(CASES)('$name: re-asks just that field with the reason', async ({ actor, turns, saved }) => {
    const chat = await startChat({ actor });
    await play(chat, turns);
    expect(await itemCount(chat.world, saved?.kind ?? 'risk')).toBe(saved?.count ?? 0);
    expect(await itemCount(chat.world, 'issue')).toBe(saved?.kind === 'issue' ? saved.count : 0);
  });
});
