// In-memory documents for the planner tests: a small Berlin workspace with two portfolios.
import { Types } from 'mongoose';
import type { Rag } from '../../../core/domain';
import type { ChangeItem, IssueItem, RegisterItem, RiskItem } from '../../../core/services';
import type { DigestData, NudgeData, ReminderData, StatusPoint } from '../../../jobs/data';
import type { JobWorkspace } from '../../../jobs/types';
import { DEFAULT_SCHEDULES, type PortfolioDoc, type ProjectDoc } from '../../../models';

const stored = (at = new Date('2026-01-01T00:00:00Z')) => ({ _id: new Types.ObjectId(), createdAt: at, updatedAt: at });

export function workspace(timeZone = 'Europe/Berlin', overrides: Partial<JobWorkspace> = {}): JobWorkspace {
  // Supportive: a change may pend 14 days, the span the tests' dates are built around.
  return { _id: new Types.ObjectId(), platform: 'teams', timeZone, schedules: { ...DEFAULT_SCHEDULES }, policy: 'supportive', ...overrides };
}

const wsId = new Types.ObjectId();

export function portfolio(key: string, channels: string[]): PortfolioDoc {
  return { ...stored(), workspaceId: wsId, key, name: `${key[0]}${key.slice(1).toLowerCase()} portfolio`, execChannels: channels.map((channelId) => ({ platform: 'teams', channelId, conversationRefId: null })) };
}

export function project(key: string, portfolioKey: string | null, pmId: string | null, active = true): ProjectDoc {
  return { ...stored(), workspaceId: wsId, key, name: key[0] + key.slice(1).toLowerCase(), portfolioKey, programKey: null, pmId, channels: [], active };
}

export const status = (projectKey: string, period: string, overall: Rag, submittedAt: string): StatusPoint => ({ projectKey, period, overall, submittedAt: new Date(submittedAt) });

const base = (key: string, projectKey: string, ownerId: string, createdAt: string) => ({
  ...stored(new Date(createdAt)), workspaceId: wsId, seq: Number(key.split('-')[1]), key, title: `${key} on ${projectKey}`, description: '',
  projectKey, ownerId, raisedById: 'u-ada', due: null, closedAt: null, resolution: null,
});

export function risk(key: string, projectKey: string, ownerId: string, o: Omit<Partial<RiskItem>, 'createdAt'> & { createdAt?: string } = {}): RiskItem {
  const { createdAt, ...rest } = o;
  const probability = rest.probability ?? 3;
  const impact = rest.impact ?? 3;
  const score = probability * impact;
  const rating = score >= 20 ? 'critical' : score >= 10 ? 'high' : score >= 5 ? 'medium' : 'low';
  return { ...base(key, projectKey, ownerId, createdAt ?? '2026-10-01T10:00:00Z'), kind: 'risk', key, status: 'open', probability, impact, score, rating, response: null, mitigation: '', reviewDate: null, escalatedTo: null, ...rest } as RiskItem;
}

export function issue(key: string, projectKey: string, ownerId: string, o: Omit<Partial<IssueItem>, 'createdAt'> & { createdAt?: string } = {}): IssueItem {
  const { createdAt, ...rest } = o;
  return { ...base(key, projectKey, ownerId, createdAt ?? '2026-10-01T10:00:00Z'), kind: 'issue', key, status: 'open', type: 'problem', priority: 'medium', escalatedFrom: null, ...rest } as IssueItem;
}

export function change(key: string, projectKey: string, ownerId: string, o: Omit<Partial<ChangeItem>, 'createdAt'> & { createdAt?: string } = {}): ChangeItem {
  const { createdAt, ...rest } = o;
  return { ...base(key, projectKey, ownerId, createdAt ?? '2026-10-01T10:00:00Z'), kind: 'change', key, status: 'open', impact: '', impactTime: '', impactCost: '', impactScope: '', decision: 'pending', decidedById: null, decidedAt: null, ...rest } as ChangeItem;
}

export const NAMES = new Map([
  ['u-sam', 'Sam Patel'],
  ['u-kim', 'Kim Lee'],
  ['u-jane', 'Jane Doe'],
  ['u-olly', 'Olly Stone'],
  ['u-ada', 'Ada Admin'],
]);

/** Monday 30 Nov 2026, 09:30 in Berlin: the default digest slot of week 49, reporting week 48. */
export const MONDAY = new Date('2026-11-30T08:30:00Z');

export const PROJECTS = [
  project('APOLLO', 'DIGITAL', 'u-sam'),
  project('ZEUS', 'DIGITAL', 'u-kim'),
  project('HERMES', 'DIGITAL', 'u-sam'),
  project('ATLAS', 'OPS', null),
  project('OLD', 'DIGITAL', 'u-sam', false),
];

export function items(): RegisterItem[] {
  return [
    risk('R-1', 'APOLLO', 'u-jane', { probability: 4, impact: 5, due: '2026-11-20', createdAt: '2026-11-24T09:00:00Z' }),
    risk('R-2', 'APOLLO', 'u-sam', { probability: 4, impact: 3, due: '2026-12-10', reviewDate: '2026-11-25' }),
    risk('R-3', 'ZEUS', 'u-jane', { probability: 2, impact: 3 }),
    risk('R-4', 'ZEUS', 'u-kim', { probability: 4, impact: 4, status: 'closed', closedAt: new Date('2026-11-25T12:00:00Z'), createdAt: '2026-09-01T09:00:00Z' }),
    issue('I-1', 'HERMES', 'u-kim', { priority: 'high', status: 'in_progress', due: '2026-11-29' }),
    issue('I-2', 'ZEUS', 'u-jane', { due: '2026-12-01' }),
    change('C-1', 'ATLAS', 'u-olly', { createdAt: '2026-11-01T10:00:00Z' }),
    change('C-2', 'APOLLO', 'u-jane', { decision: 'approved', createdAt: '2026-10-01T10:00:00Z' }),
  ];
}

export function digestData(overrides: Partial<DigestData> = {}): DigestData {
  return {
    period: '2026-W48',
    portfolios: [portfolio('DIGITAL', ['19:exec-a', '19:exec-b', '19:exec-a']), portfolio('EMPTY', ['19:exec-empty']), portfolio('OPS', ['19:exec-ops'])],
    projects: PROJECTS,
    statuses: [
      status('APOLLO', '2026-W47', 'amber', '2026-11-20T10:00:00Z'),
      status('APOLLO', '2026-W48', 'red', '2026-11-27T10:00:00Z'),
      status('ZEUS', '2026-W47', 'green', '2026-11-19T10:00:00Z'),
      status('ZEUS', '2026-W48', 'green', '2026-11-26T10:00:00Z'),
      status('ATLAS', '2026-W48', 'amber', '2026-11-23T07:00:00Z'),
    ],
    items: items(),
    names: NAMES,
    ...overrides,
  };
}

export function reminderData(overrides: Partial<ReminderData> = {}): ReminderData {
  return { items: items().map((i) => ({ ...i, overdue: true })), projects: PROJECTS, names: NAMES, ...overrides };
}

export function nudgeData(overrides: Partial<NudgeData> = {}): NudgeData {
  return { period: '2026-W49', missing: PROJECTS.filter((p) => p.active), names: NAMES, ...overrides };
}
