// Issue I-n (SPEC §2): type, priority, resolution; escalates into a change request.
import { ISSUE_STATUSES, ISSUE_TYPES, PRIORITIES, type IssueType, type Priority } from '../domain';
import { DESCRIPTION, DUE, OWNER, PROJECT, RESOLUTION, status, titled, type KindField } from './fields';
import type { ItemViewBase } from '../view-models';
import { given, humanize } from './cells';
import { ownColumns, type ItemRow, type RegisterDescriptor } from './types';
import { IssueModel, type Issue } from '../../models/issue.model';
import type { RegisterItemBase } from '../../models/register-item';

/** The words accepted for an issue's type, by the parser and by the services alike. */
export const ISSUE_TYPE_ALIASES = {
  concern: 'problem',
  problem_concern: 'problem',
  rfc: 'request_for_change',
  request: 'request_for_change',
  change: 'request_for_change',
  change_request: 'request_for_change',
  off_spec: 'off_specification',
} as const;

/** The view model of a issue: what its cards show. */
export interface IssueItemView extends ItemViewBase {
  kind: 'issue';
  type: IssueType;
  priority: Priority;
  resolution?: string;
  escalatedFrom?: string; // risk key
  escalatedTo?: string; // change request key
}
/** The stored issue, as its descriptor reads it. */
type IssueRow = ItemRow & Omit<Issue, keyof RegisterItemBase>;

/** How an issue's type reads on cards. */
export const ISSUE_TYPE_LABEL: Record<IssueType, string> = {
  problem: 'Problem/concern',
  request_for_change: 'Request for change',
  off_specification: 'Off-specification',
};

const PRIORITY_RANK: Record<Priority, number> = { low: 1, medium: 2, high: 3, critical: 4 };

const FIELDS: KindField[] = [
  titled('What is the issue? Give it a short title.'),
  DESCRIPTION,
  {
    name: 'priority', keys: ['priority'], value: { type: 'choice', values: PRIORITIES, aliases: { med: 'medium' } },
    label: 'Priority', question: 'What priority is it?', keep: true,
  },
  {
    name: 'type', keys: ['type'], value: { type: 'choice', values: ISSUE_TYPES, aliases: ISSUE_TYPE_ALIASES },
    label: 'Type', question: 'What type of issue is it?', keep: true,
  },
  OWNER,
  DUE,
  PROJECT,
  status(ISSUE_STATUSES),
  RESOLUTION,
];

export const ISSUE_REGISTER: RegisterDescriptor<'issue'> = {
  kind: 'issue',
  model: IssueModel,
  prefix: 'I',
  nouns: { singular: 'issue', article: 'an', plural: 'issues', label: 'Issue', listWord: 'issues', register: 'Issue register' },
  statuses: ISSUE_STATUSES,
  done: ['resolved', 'closed'],
  fields: FIELDS,
  form: ['title', 'status', 'resolution', 'project', 'priority', 'type', 'owner', 'due', 'description'],
  closeTo: 'closed',
  rank: (issue: IssueRow) => PRIORITY_RANK[issue.priority] ?? 0,
  columns: ownColumns<IssueRow>([
    ['Type', (i) => i.type],
    ['Priority', (i) => i.priority],
    ['Escalated from', (i) => i.escalatedFrom],
    ['Escalated to', (i) => i.escalatedTo ?? ''],
  ]),
  view: (i: IssueRow): Partial<IssueItemView> => ({ type: i.type, priority: i.priority, resolution: given(i.resolution), escalatedFrom: given(i.escalatedFrom), escalatedTo: given(i.escalatedTo) }),
  card: {
    level: (i: IssueItemView) => ({ text: `${humanize(i.priority)} priority`, tone: i.priority }),
    facts: (i: IssueItemView) => [
      { title: 'Type', value: ISSUE_TYPE_LABEL[i.type] },
      { title: 'Priority', value: humanize(i.priority) },
      { title: 'Escalated from', value: i.escalatedFrom },
      { title: 'Escalated to', value: i.escalatedTo },
    ],
    texts: (i: IssueItemView) => [['Description', i.description], ['Resolution', i.resolution]],
  },
  help: {
    usage: 'issue [title] [priority=low|medium|high|critical] [type=problem|request_for_change|off_specification] [owner=@user] [due=DATE] [project=KEY]',
    description: 'Log an issue with its priority and type.',
    examples: ['issue Build server down priority=high', 'issue Spec gap in reporting type=off_specification due=eow'],
  },
  escalatesTo: 'change',
};
