// Change request C-n (SPEC §2): impact on time/cost/scope and a decision; with the histories, the change log.
import { CHANGE_STATUSES, DECISIONS, type Decision, type IsoDate } from '../domain';
import { DESCRIPTION, DUE, OWNER, PROJECT, titled, type KindField } from './fields';
import { addDays, todayIn } from '../services/time';
import type { ItemViewBase } from '../view-models';
import { dateOf, given, humanize, localTime, nameIn, nameOf } from './cells';
import { ownColumns, type ItemRow, type OverdueContext, type RegisterDescriptor } from './types';
import { ChangeRequestModel, type ChangeRequest } from '../../models/change-request.model';
import type { RegisterItemBase } from '../../models/register-item';

/** The view model of a change: what its cards show. */
export interface ChangeItemView extends ItemViewBase {
  kind: 'change';
  impact?: string; // on time/cost/scope
  decision: Decision;
  decidedByName?: string;
  decidedAt?: IsoDate;
  escalatedFrom?: string; // issue key
}
/** The stored change request, as its descriptor reads it. */
type ChangeRow = ItemRow & Omit<ChangeRequest, keyof RegisterItemBase>;

const DAY_MS = 86_400_000;

const stored = (name: string, label: string): KindField => ({ name, keys: [], value: { type: 'text', max: 4000 }, label, question: '', only: 'stored' });

const FIELDS: KindField[] = [
  titled('What change is requested? Give it a short title.'),
  DESCRIPTION,
  { name: 'impact', keys: ['impact'], value: { type: 'text', max: 2000 }, label: 'Impact', question: 'What is its impact on time, cost and scope?' },
  OWNER,
  DUE,
  PROJECT,
  // The change's own decision (pending → approved…), not a Decision D-n: set on update, approve and reject.
  {
    name: 'decision', keys: ['decision'], value: { type: 'choice', values: DECISIONS, aliases: { approve: 'approved', reject: 'rejected', defer: 'deferred' } },
    label: 'Decision', question: 'Decision?', required: true, only: 'update',
  },
  stored('impactTime', 'Impact on time'),
  stored('impactCost', 'Impact on cost'),
  stored('impactScope', 'Impact on scope'),
  // Who set the decision (the services record it with approve, reject or update decision=): named on cards, exports and reminders.
  { name: 'decidedBy', stored: 'decidedById', keys: [], value: { type: 'person' }, label: 'Decided by', question: '', only: 'stored' },
];

export const CHANGE_REGISTER: RegisterDescriptor<'change'> = {
  kind: 'change',
  model: ChangeRequestModel,
  prefix: 'C',
  nouns: { singular: 'change request', article: 'a', plural: 'change requests', label: 'Change request', listWord: 'changes', register: 'Change log' },
  statuses: CHANGE_STATUSES,
  done: ['closed'],
  fields: FIELDS,
  form: ['title', 'decision', 'project', 'impact', 'owner', 'due', 'description'],
  closeTo: 'closed',
  // Whoever sets the decision (approve, reject, update decision=) is recorded with the time; pending again clears both.
  follow: (_change, set, { userId, now }) => {
    if (typeof set.decision !== 'string') return {};
    const decided = set.decision !== 'pending';
    return { decidedById: decided ? userId : null, decidedAt: decided ? now : null };
  },
  // Pending changes first.
  rank: (change: ChangeRow) => (change.decision === 'pending' ? 1 : 0),
  // A change is also overdue when its decision has been pending longer than the policy allows (raised + N days < today).
  lateDates: (change: ChangeRow, ctx: OverdueContext): IsoDate[] =>
    change.decision === 'pending' ? [addDays(todayIn(ctx.zone, change.createdAt), ctx.changePendingDays)] : [],
  // A day starts at most 12 hours after midnight UTC (UTC−12), so a change raised on or after
  // `today − changePendingDays` at 12:00 UTC is not overdue in any zone; a day of margin is added.
  lateQuery: (ctx: OverdueContext) => [
    { decision: 'pending', createdAt: { $lt: new Date(Date.parse(`${addDays(ctx.today, -ctx.changePendingDays)}T00:00:00Z`) + DAY_MS) } },
  ],
  lateFields: ['decision'],
  // Raised through its own review (who decides, the impacts), so typed as a command, never logged from a message.
  fromMessage: false,
  columns: ownColumns<ChangeRow>([
    ['Decision', (c) => c.decision],
    ['Decided by', (c, n) => nameIn(n, c.decidedById)],
    ['Decided at', (c, _n, z) => localTime(c.decidedAt, z)],
    ['Impact', (c) => c.impact],
    ['Impact on time', (c) => c.impactTime],
    ['Impact on cost', (c) => c.impactCost],
    ['Impact on scope', (c) => c.impactScope],
    ['Raised from', (c) => c.escalatedFrom ?? ''],
  ]),
  view: (c: ChangeRow, names, zone): Partial<ChangeItemView> => {
    const labelled = (label: string, text: string | undefined) => (text ? `${label}: ${text}` : '');
    const impact = [c.impact, labelled('time', c.impactTime), labelled('cost', c.impactCost), labelled('scope', c.impactScope)];
    return { impact: given(impact.filter(Boolean).join('; ')), decision: c.decision, decidedByName: nameOf(names, c.decidedById), decidedAt: dateOf(c.decidedAt, zone), escalatedFrom: given(c.escalatedFrom) };
  },
  card: {
    level: (c: ChangeItemView) => ({ text: humanize(c.decision), tone: c.decision }),
    facts: (c: ChangeItemView) => [
      { title: 'Decision', value: humanize(c.decision) },
      { title: 'Decided by', value: c.decidedByName, name: true },
      { title: 'Decided on', value: c.decidedAt },
      { title: 'Raised from', value: c.escalatedFrom },
    ],
    texts: (c: ChangeItemView) => [['Description', c.description], ['Impact on time, cost and scope', c.impact]],
  },
  help: {
    usage: 'change [title] [impact=".."] [owner=@user] [due=DATE] [project=KEY]',
    description: 'Log a change request for a decision.',
    examples: ['change Add SSO to scope impact="+2 weeks, +10k"', 'change Move go-live to March'],
  },
};
