// Past due and review dates are taken, inline and in forms, and every confirmation says the item is
// already overdue (SPEC §2); dates that cannot exist are still refused with the reason.
import type { Activity } from 'botbuilder';
import { TeamsPresenter } from '../../bot/teams/presenter';
import type { AdaptiveCard } from '../../cards';
import { CARD_VERBS } from '../../cards/verbs';
import { getItem } from '../../core/services';
import { confirmationView, startState } from '../../dialogs/form-state';
import { LOG_FORMS } from '../../dialogs/log-item.dialog';

const RISK_FORM = LOG_FORMS.risk;
import { allText } from '../cards/card-query';
import { useTestDatabase } from '../support/db';
import { itemCount, play, startChat, type Turn } from './support';

useTestDatabase();

// Today is Tue 10 Mar 2026 in London (support.NOW); last friday is 6 Mar.
const RISK = 'risk Vendor API may slip p=2 i=3 project=APOLLO';
const submit = (fields: Record<string, string>): Partial<Activity> => ({ value: { verb: CARD_VERBS.submitForm, command: 'risk', ...fields } });
const confirmSave: Partial<Activity> = { value: { verb: CARD_VERBS.confirmSave, command: 'risk' } };

interface Case {
  name: string;
  turns: Turn[];
  stored?: { key: string; fields: Record<string, unknown> };
  /** Issues and risks stored at the end. */
  count?: number;
}

const CASES: Case[] = [
  {
    name: 'an issue logged inline with a due date ten days ago is saved, and said to be overdue',
    turns: [{ user: 'issue Test rig unavailable priority=high due=2026-02-28 project=APOLLO', bot: ['Saved I-1 Test rig unavailable (Already overdue: it was due Sat 28 Feb.)'], status: 'complete' }],
    stored: { key: 'I-1', fields: { due: '2026-02-28', status: 'open' } },
  },
  {
    name: 'a risk logged inline with plain-English past dates, both named',
    turns: [
      {
        user: `${RISK} due="last friday" review="2 weeks ago"`,
        bot: ['Saved R-1 Vendor API may slip (Already overdue: it was due Fri 6 Mar and its review was due Tue 24 Feb.)'],
      },
    ],
    stored: { key: 'R-1', fields: { due: '2026-03-06', reviewDate: '2026-02-24' } },
  },
  {
    name: 'a date from another year shows its year',
    turns: [{ user: `${RISK} due=2025-11-20`, bot: ['Saved R-1 Vendor API may slip (Already overdue: it was due Thu 20 Nov 2025.)'] }],
  },
  {
    name: 'a due date of today is not overdue, so nothing is said',
    turns: [{ user: `${RISK} due=today`, bot: [/^Saved R-1 Vendor API may slip$/] }],
    stored: { key: 'R-1', fields: { due: '2026-03-10' } },
  },
  {
    name: 'update with a past due date is taken and said to be overdue; closing it says nothing of the kind',
    turns: [
      { user: `${RISK} due=2026-04-30`, bot: [/^Saved R-1 Vendor API may slip$/] },
      { user: 'update R-1 due=last friday', bot: ['updated R-1 Vendor API may slip (Already overdue: it was due Fri 6 Mar.)'] },
      { user: 'update R-1 review=yesterday due=2026-04-30', bot: ['updated R-1 Vendor API may slip (Already overdue: its review was due Mon 9 Mar.)'] },
      { user: 'close R-1 done', bot: [/^closed R-1 Vendor API may slip$/] },
    ],
    stored: { key: 'R-1', fields: { due: '2026-04-30', reviewDate: '2026-03-09', status: 'closed' } },
  },
  {
    name: 'dates that cannot exist are refused with the reason, inline and typed, and nothing is saved',
    turns: [
      { user: 'issue Test rig unavailable priority=high due=31 Feb project=APOLLO', bot: ['Asking due: Due date "31 Feb" is not a real calendar date. When is it due? (or skip)'], status: 'waiting' },
      { user: '2026-13-01', bot: ['Asking due: Due date "2026-13-01" is not a real calendar date. When is it due? (or skip)'] },
      { user: 'feb 30', bot: ['Asking due: Due date "feb 30" is not a real calendar date.'] },
      { user: 'cancel', bot: [/nothing was saved/i] },
    ],
    count: 0,
  },
  {
    name: 'update with a date that cannot exist changes nothing',
    turns: [
      { user: `${RISK} due=2026-04-30`, bot: [/^Saved R-1/] },
      { user: 'update R-1 due=2026-02-30', bot: [/2026-02-30.*is not a real calendar date/] },
    ],
    stored: { key: 'R-1', fields: { due: '2026-04-30' } },
  },
  {
    name: 'a typed past answer in the guided form: the confirmation warns, the saved reply says so',
    turns: [
      { user: 'risk Vendor API may slip p=2 i=3', bot: ['Asking project:'] },
      { user: 'APOLLO', bot: [/^Confirm: /] },
      { user: 'edit due', bot: ['Asking due: When is it due? (or skip)'] },
      {
        user: 'last friday',
        bot: ['Confirm: title=Vendor API may slip, probability=2, impact=3, project=APOLLO, owner=Jane, due=2026-03-06 (This risk will be saved as already overdue: it was due Fri 6 Mar.)'],
        status: 'waiting',
      },
      { user: 'save', bot: ['Saved R-1 Vendor API may slip (Already overdue: it was due Fri 6 Mar.)'], status: 'complete' },
    ],
    stored: { key: 'R-1', fields: { due: '2026-03-06' } },
  },
  {
    name: 'the form card with a past due and review date picked',
    turns: [
      { user: 'risk', bot: ['Asking title:'] },
      {
        user: submit({ title: 'Vendor API may slip', probability: '2', impact: '3', project: 'APOLLO', due: '2026-03-01', review: '2026-03-09' }),
        bot: [/^Confirm: .*due=2026-03-01, review=2026-03-09 \(This risk will be saved as already overdue: it was due Sun 1 Mar and its review was due Mon 9 Mar\.\)$/],
      },
      { user: confirmSave, bot: ['Saved R-1 Vendor API may slip (Already overdue: it was due Sun 1 Mar and its review was due Mon 9 Mar.)'] },
    ],
    stored: { key: 'R-1', fields: { due: '2026-03-01', reviewDate: '2026-03-09' } },
  },
  {
    name: 'the form card with a day that cannot exist asks that field again with the reason',
    turns: [
      { user: 'risk', bot: ['Asking title:'] },
      { user: submit({ title: 'Vendor API may slip', probability: '2', impact: '3', project: 'APOLLO', due: '2026-02-30' }), bot: ['Asking due: Due date "2026-02-30" is not a real calendar date.'] },
    ],
  },
];

describe('past dates', () => {
  it.each(CASES)('$name', async ({ turns, stored, count }) => {
    const chat = await startChat();
    await play(chat, turns);
    if (stored) expect((await getItem(chat.world.ws, stored.key)).item).toMatchObject(stored.fields);
    if (count !== undefined) expect((await itemCount(chat.world, 'risk')) + (await itemCount(chat.world, 'issue'))).toBe(count);
  });

  it('with the Teams presenter: the saved reply says it in its text and on its card, the confirmation card too', async () => {
    const chat = await startChat({ deps: { presenter: new TeamsPresenter() } });
    const cardOf = (activity: Partial<Activity>): AdaptiveCard => activity.attachments?.[0]?.content as AdaptiveCard;
    await chat.say('risk Vendor API may slip p=2 i=3 due="last friday"');
    await chat.say('APOLLO');
    expect(allText(cardOf(chat.last[0]))).toContain('This risk will be saved as already overdue: it was due Fri 6 Mar.');
    await chat.say(confirmSave);
    expect(chat.last[0].text).toBe('Saved R-1 Vendor API may slip — Already overdue: it was due Fri 6 Mar.');
    expect(allText(cardOf(chat.last[0]))).toContain('Already overdue: it was due Fri 6 Mar.');
  });
});

describe('the confirmation note', () => {
  const view = (values: Record<string, unknown>) => confirmationView(RISK_FORM, startState(RISK_FORM, values, []), '2026-03-10');

  it('names the past dates of an open item, and nothing for today or later', () => {
    expect(view({ title: 'x', due: '2026-03-09' }).note).toBe('This risk will be saved as already overdue: it was due Mon 9 Mar.');
    expect(view({ title: 'x', due: '2026-03-10', review: '2026-04-01' }).note).toBeUndefined();
  });

  it('says nothing for an item being closed, whatever its dates', () => {
    expect(view({ title: 'x', due: '2026-03-01', status: 'closed' }).note).toBeUndefined();
  });
});
