// Reminder and nudge plans for the fixture workspace: who gets what, under which key, and nothing empty.
import { planNudges, planReminders } from '../../../jobs/planners';
import { NUDGE_PROJECTS_SHOWN } from '../../../jobs/planners/nudge.planner';
import { REMINDER_ITEMS_SHOWN } from '../../../jobs/planners/reminders.planner';
import type { JobMessage } from '../../../jobs/types';
import type { NudgeView, ReminderView } from '../../../core/job-views';
import { MONDAY, NAMES, issue, nudgeData, project, reminderData, workspace } from './fixtures';

const reminder = (message: JobMessage): ReminderView => {
  if (message.kind !== 'pm_reminder' && message.kind !== 'owner_reminder') throw new Error(`not a reminder: ${message.kind}`);
  return message.view;
};

describe('planReminders', () => {
  const ws = workspace('Europe/Berlin');

  it("sends each PM their projects' overdue items and each owner the rest of their own", () => {
    const deliveries = planReminders(MONDAY, ws, reminderData());
    expect(deliveries.map((d) => [d.key, d.message.kind, reminder(d.message).items.map((i) => [i.item.key, i.daysOverdue])])).toEqual([
      ['reminders:pm:u-sam', 'pm_reminder', [['R-1', 10], ['R-2', 5], ['I-1', 1]]],
      // Sam owns R-2 on his own project: it is on his PM card, so he gets no DM for it.
      ['reminders:owner:u-jane', 'owner_reminder', [['R-1', 10]]],
      ['reminders:owner:u-kim', 'owner_reminder', [['I-1', 1]]],
      // C-1: pending since 1 Nov, policy 14 days, so overdue since 15 Nov; ATLAS has no PM.
      ['reminders:owner:u-olly', 'owner_reminder', [['C-1', 15]]],
    ]);
    expect(deliveries[0].recipient).toEqual({ kind: 'user', platform: 'teams', userId: 'u-sam', displayName: 'Sam Patel' });
    expect(reminder(deliveries[0].message)).toMatchObject({
      recipientName: 'Sam Patel', role: 'pm', today: '2026-11-30', zone: 'Europe/Berlin', totalItems: 3, moreCommands: [],
      projects: [{ key: 'APOLLO', name: 'Apollo' }, { key: 'HERMES', name: 'Hermes' }],
    });
    const r2 = reminder(deliveries[0].message).items[1];
    expect(r2).toMatchObject({ overdueSince: '2026-11-25', item: { key: 'R-2', kind: 'risk', overdue: true, ownerName: 'Sam Patel', reviewDate: '2026-11-25' } });
    expect(planReminders(MONDAY, ws, reminderData())).toEqual(deliveries);
  });

  it('sends nothing when nothing is overdue, and rechecks overdue itself', () => {
    expect(planReminders(MONDAY, ws, reminderData({ items: [] }))).toEqual([]);
    const early = new Date('2026-11-10T08:00:00Z');
    expect(planReminders(early, ws, reminderData()).map((d) => d.key)).toEqual([]);
  });

  it('shows the most overdue items first and points to the list commands for the rest', () => {
    const many = Array.from({ length: REMINDER_ITEMS_SHOWN + 5 }, (_, i) =>
      ({ ...issue(`I-${i + 10}`, 'APOLLO', 'u-jane', { due: `2026-11-${String(i + 1).padStart(2, '0')}` }), overdue: true }));
    const [pm, owner] = planReminders(MONDAY, ws, reminderData({ items: many }));
    expect(reminder(pm.message)).toMatchObject({ totalItems: 20, moreCommands: ['list issues overdue project=APOLLO'] });
    expect(reminder(pm.message).items).toHaveLength(REMINDER_ITEMS_SHOWN);
    expect(reminder(pm.message).items[0]).toMatchObject({ overdueSince: '2026-11-01', daysOverdue: 29 });
    expect(reminder(owner.message).moreCommands).toEqual(['list issues mine overdue']);
  });
});

describe('planNudges', () => {
  const ws = workspace('Europe/Berlin');
  const thursday = new Date('2026-12-03T09:00:00Z');

  it('nudges each PM once for all their projects missing the period’s update; projects without a PM are skipped', () => {
    const deliveries = planNudges(thursday, ws, nudgeData());
    expect(deliveries.map((d) => [d.key, (d.message.view as NudgeView).projects.map((p) => p.key)])).toEqual([
      ['nudge:pm:u-kim', ['ZEUS']],
      ['nudge:pm:u-sam', ['APOLLO', 'HERMES']],
    ]);
    expect(deliveries[1]).toMatchObject({
      recipient: { kind: 'user', userId: 'u-sam', displayName: 'Sam Patel' },
      message: { kind: 'nudge', view: { pmName: 'Sam Patel', period: '2026-W49', periodEnd: '2026-12-06', totalProjects: 2 } },
    });
  });

  it('sends nothing when every project has reported, and caps the list for a PM of many projects', () => {
    expect(planNudges(thursday, ws, nudgeData({ missing: [] }))).toEqual([]);
    const many = Array.from({ length: 30 }, (_, i) => project(`P${i + 10}`, 'DIGITAL', 'u-sam'));
    const [only] = planNudges(thursday, ws, nudgeData({ missing: many, names: NAMES }));
    expect((only.message.view as NudgeView).projects).toHaveLength(NUDGE_PROJECTS_SHOWN);
    expect((only.message.view as NudgeView).totalProjects).toBe(30);
  });
});
