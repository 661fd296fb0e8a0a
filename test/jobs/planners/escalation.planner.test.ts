// The "missing status update" and "overdue items" rows of the SPEC §4 policy table: what the PMO admins
// get the working day after the nudge, per policy, and when; fixed instants, across a DST change.
import { jobMessageCard, renderJobMessageForSlack } from '../../../cards/jobs';
import type { EscalationView } from '../../../core/job-views';
import type { Policy } from '../../../core/domain';
import type { WorkspaceDoc } from '../../../core/services/job-data.service';
import type { EscalationData } from '../../../jobs/data/escalation.data';
import { escalationView, planDigest, planEscalation } from '../../../jobs/planners';
import { dueRun } from '../../../jobs/runtime/due';
import { latestDue } from '../../../jobs/schedule';
import { DEFAULT_SCHEDULES } from '../../../models';
import { MAX_CARD_BYTES, cardBytes } from '../../cards/card-checker';
import { allText } from '../../cards/card-query';
import { blockProblems, checkJobCard } from '../../cards/jobs/check';
import { AWKWARD } from '../../cards/jobs/fixtures';
import { MONDAY, NAMES, PROJECTS, digestData, issue, items, project, workspace } from './fixtures';
import type { DigestView } from '../../../core/job-views';

const ws = workspace('Europe/Berlin');

function data(policy: Policy, overrides: Partial<EscalationData> = {}): EscalationData {
  return {
    policy,
    missing: PROJECTS.filter((p) => p.active && p.key !== 'ZEUS'),
    // C-1 pending since 1 Nov; I-9 due 10 Nov (20 days overdue on 30 Nov); R-1 10 days; R-2 5 days; I-1 1 day.
    items: [...items(), issue('I-9', 'ZEUS', 'u-jane', { due: '2026-11-10' })].map((i) => ({ ...i, overdue: true })),
    names: NAMES,
    admins: [{ id: 'u-ada', name: 'Ada Admin' }],
    ...overrides,
  };
}

const view = (policy: Policy, extra: Partial<EscalationData> = {}): EscalationView => escalationView(MONDAY, '2026-W48', ws, data(policy, extra));

describe('with the nudge off', () => {
  it('directive still escalates items overdue two weeks, without the missing updates no nudge asked for', () => {
    const noNudge = { ...ws, schedules: { ...ws.schedules, nudge: 'off' } };
    const v = escalationView(MONDAY, '2026-W48', noNudge, data('directive'));
    expect(v.missing).toBeNull();
    expect(v.overdue?.map((o) => o.key)).toEqual(['C-1', 'I-9']);
  });
});

describe('the policy table, row by row', () => {
  it.each([
    // policy, PMs' names to the admins, items overdue two weeks escalated
    ['supportive', null, null],
    ['controlling', [['APOLLO', 'Sam Patel'], ['HERMES', 'Sam Patel'], ['ATLAS', undefined]], null],
    ['directive', [['APOLLO', 'Sam Patel'], ['HERMES', 'Sam Patel'], ['ATLAS', undefined]], [['C-1', 26, 'Olly Stone'], ['I-9', 20, 'Jane Doe']]],
  ] as const)('%s: missing updates %j, overdue items %j', (policy, missing, overdue) => {
    const v = view(policy);
    expect(v.missing?.map((p) => [p.key, p.pmName]) ?? null).toEqual(missing);
    expect(v.overdue?.map((o) => [o.key, o.daysOverdue, o.ownerName]) ?? null).toEqual(overdue);
    expect(v.overdueAfterDays).toBe(policy === 'directive' ? 14 : null);
    expect(planEscalation(MONDAY, '2026-W48', ws, data(policy)).map((d) => d.key)).toEqual(policy === 'supportive' ? [] : ['escalation:admin:u-ada']);
  });

  it('marks a PM who is away, so the admins do not chase them', () => {
    expect(view('controlling', { away: new Set(['u-sam']) }).missing?.map((p) => p.pmName)).toEqual(['Sam Patel (away)', 'Sam Patel (away)', undefined]);
  });

  it('sends nothing when every project has its update and nothing is two weeks overdue, or when there is no PMO admin', () => {
    expect(planEscalation(MONDAY, '2026-W48', ws, data('directive', { missing: [], items: items().filter((i) => i.key !== 'C-1').map((i) => ({ ...i, overdue: true })) }))).toEqual([]);
    expect(planEscalation(MONDAY, '2026-W48', ws, data('controlling', { admins: [] }))).toEqual([]);
    expect(planEscalation(MONDAY, '2026-W48', ws, data('controlling', { missing: [project('OLD', null, 'u-sam', false)] }))).toEqual([]);
  });
});

describe('when the escalation runs: the next working day after the nudge', () => {
  const findDue = (schedule: string, zone: string, now: Date) => latestDue(schedule, zone, now);
  const at = (policy: Policy, nudge: string, holidays: string[] = []): WorkspaceDoc =>
    ({ ...workspace('Europe/Berlin'), schedules: { ...DEFAULT_SCHEDULES, nudge }, policy, holidays } as unknown as WorkspaceDoc);

  it('Thursday nudge: Friday at the same time, once, for the nudged week; never under supportive', () => {
    const controlling = at('controlling', 'Thu 10:00');
    expect(dueRun(findDue, controlling, 'escalation', new Date('2026-12-03T09:00:00Z'))).toBeNull();
    expect(dueRun(findDue, controlling, 'escalation', new Date('2026-12-04T08:59:00Z'))).toBeNull();
    expect(dueRun(findDue, controlling, 'escalation', new Date('2026-12-04T09:00:00Z'))).toEqual({ job: 'escalation', period: '2026-W49', instant: new Date('2026-12-04T09:00:00Z') });
    expect(dueRun(findDue, at('supportive', 'Thu 10:00'), 'escalation', new Date('2026-12-04T09:00:00Z'))).toBeNull();
  });

  it('Friday nudge: Monday of the next week, still for the nudged week; a holiday Monday pushes it to Tuesday', () => {
    expect(dueRun(findDue, at('directive', 'Fri 10:00'), 'escalation', new Date('2026-12-07T09:30:00Z'))).toEqual({ job: 'escalation', period: '2026-W49', instant: new Date('2026-12-07T09:00:00Z') });
    const holiday = at('directive', 'Fri 10:00', ['2026-12-07']);
    expect(dueRun(findDue, holiday, 'escalation', new Date('2026-12-07T09:30:00Z'))).toBeNull();
    expect(dueRun(findDue, holiday, 'escalation', new Date('2026-12-08T09:00:00Z'))).toEqual({ job: 'escalation', period: '2026-W49', instant: new Date('2026-12-08T09:00:00Z') });
  });

  it('keeps the wall-clock time across the end of summer time, and follows a nudge a holiday moved', () => {
    // Nudge Fri 23 Oct 10:00 CEST (08:00Z); Monday 26 Oct 10:00 is CET (09:00Z).
    expect(dueRun(findDue, at('controlling', 'Fri 10:00'), 'escalation', new Date('2026-10-26T09:00:00Z'))).toEqual({ job: 'escalation', period: '2026-W43', instant: new Date('2026-10-26T09:00:00Z') });
    expect(dueRun(findDue, at('controlling', 'Fri 10:00'), 'escalation', new Date('2026-10-26T08:30:00Z'))).toBeNull();
    // Thursday 24 Dec off: the nudge goes on Friday 25th, its follow-up on Monday 28th.
    const christmas = at('controlling', 'Thu 10:00', ['2026-12-24']);
    expect(dueRun(findDue, christmas, 'escalation', new Date('2026-12-25T09:00:00Z'))).toBeNull();
    expect(dueRun(findDue, christmas, 'escalation', new Date('2026-12-28T09:00:00Z'))).toEqual({ job: 'escalation', period: '2026-W52', instant: new Date('2026-12-28T09:00:00Z') });
    // Both days off: no nudge that week, so no follow-up either.
    expect(dueRun(findDue, at('controlling', 'Thu 10:00', ['2026-12-24', '2026-12-25']), 'escalation', new Date('2026-12-28T09:00:00Z'))).toBeNull();
  });
});

describe('the escalation card and blocks', () => {
  const many = (n: number) => Array.from({ length: n }, (_, i) => project(`P${i}`, null, 'u-sam'));

  it.each([
    ['controlling', () => view('controlling')],
    ['directive', () => view('directive')],
    ['directive with 40 awkward projects', () => view('directive', { missing: many(40).map((p) => ({ ...p, name: `${AWKWARD} ${p.key}` })) })],
  ] as const)('%s: a valid Adaptive Card under 28 KB and Block Kit inside every limit', (_what, make) => {
    const v = make();
    const card = jobMessageCard({ kind: 'escalation', view: v });
    expect(checkJobCard(card)).toEqual([]);
    expect(cardBytes(card)).toBeLessThan(MAX_CARD_BYTES);
    const { text, blocks } = renderJobMessageForSlack({ kind: 'escalation', view: v });
    expect(blockProblems(blocks)).toEqual([]);
    expect(text).toMatch(/^PMO follow-up — week 48: /);
  });

  it('names the projects, their PMs and the long-overdue items', () => {
    const card = jobMessageCard({ kind: 'escalation', view: view('directive') });
    const json = JSON.stringify(card);
    expect(allText(card)).toContain('No status update for week 48 after the nudge (3)');
    expect(allText(card)).toContain('Overdue 14 days or more (2)');
    expect(json).toContain('{"title":"APOLLO","value":"Apollo — PM Sam Patel"}');
    expect(json).toContain('{"title":"I-9","value":"I-9 on ZEUS (ZEUS) — 20 days overdue, owner Jane Doe"}');
    const slack = JSON.stringify(renderJobMessageForSlack({ kind: 'escalation', view: view('controlling') }).blocks);
    expect(slack).toContain('• *ATLAS* Atlas — no PM');
    expect(slack).not.toContain('Overdue 14 days');
  });
});

describe('the digest under each policy (row "missing status update", directive cell)', () => {
  const digest = (policy: Policy) => planDigest(MONDAY, workspace('Europe/Berlin', { policy }), digestData())[0].message.view as DigestView;

  it.each([['supportive', false], ['controlling', false], ['directive', true]] as const)('%s: missing update listed under the project: %s', (policy, listed) => {
    const view = digest(policy);
    const missing = view.projects.filter((l) => l.missingUpdate).map((l) => l.key);
    expect(missing).toEqual(['HERMES']);
    expect(view.projects.filter((l) => l.missingUpdateListed).map((l) => l.key)).toEqual(listed ? missing : []);
    const card = jobMessageCard({ kind: 'digest', view });
    expect(checkJobCard(card)).toEqual([]);
    expect(allText(card).includes('⚠ Status update missing — escalated to the PMO')).toBe(listed);
    const { blocks } = renderJobMessageForSlack({ kind: 'digest', view });
    expect(blockProblems(blocks)).toEqual([]);
    expect(JSON.stringify(blocks).includes('*⚠ Status update missing — escalated to the PMO*')).toBe(listed);
  });
});
