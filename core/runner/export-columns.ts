// The columns of each export: a header and how each cell is read from a row.
import { DateTime } from 'luxon';
import type { StatusUpdateDoc } from '../../models';
import type { ItemKind } from '../domain';
import type { ListedItem } from '../services';
import type { CsvCell } from './csv';

export type Names = ReadonlyMap<string, string>;
export type Column<T> = [header: string, cell: (row: T, names: Names, zone: string) => CsvCell];

const localTime = (at: Date | null | undefined, zone: string): string =>
  at ? DateTime.fromJSDate(at, { zone }).toFormat('yyyy-MM-dd HH:mm') : '';
const name = (names: Names, id: string | null | undefined): string => (id ? (names.get(id) ?? id) : '');

export function itemColumns(kind: ItemKind): Column<ListedItem>[] {
  const head: Column<ListedItem>[] = [
    ['Key', (i) => i.key],
    ['Title', (i) => i.title],
    ['Project', (i) => i.projectKey],
    ['Status', (i) => i.status],
  ];
  const tail: Column<ListedItem>[] = [
    ['Owner', (i, n) => name(n, i.ownerId)],
    ['Raised by', (i, n) => name(n, i.raisedById)],
    ['Due', (i) => i.due],
    ['Overdue', (i) => (i.overdue ? 'yes' : 'no')],
    ['Description', (i) => i.description],
    ['Resolution', (i) => i.resolution],
    ['Created', (i, _n, z) => localTime(i.createdAt, z)],
    ['Closed', (i, _n, z) => localTime(i.closedAt, z)],
  ];
  switch (kind) {
    case 'risk':
      return [...head, ...riskColumns(), ...tail];
    case 'issue':
      return [...head, ['Type', (i) => (i.kind === 'issue' ? i.type : '')], ['Priority', (i) => (i.kind === 'issue' ? i.priority : '')],
        ['Escalated from', (i) => (i.kind === 'issue' ? i.escalatedFrom : '')], ['Escalated to', (i) => (i.kind === 'issue' ? (i.escalatedTo ?? '') : '')], ...tail];
    case 'change':
      return [...head, ...changeColumns(), ...tail];
    case 'decision':
      return [...head, ...decisionColumns(), ...tail];
    case 'action':
      return [...head, ['Serves', (i) => (i.kind === 'action' ? (i.itemKey ?? '') : '')], ...tail];
  }
}

function riskColumns(): Column<ListedItem>[] {
  type Risk = Extract<ListedItem, { kind: 'risk' }>;
  const risk = (pick: (r: Risk) => CsvCell) => (i: ListedItem) => (i.kind === 'risk' ? pick(i) : '');
  return [
    ['Probability', risk((r) => r.probability)],
    ['Impact', risk((r) => r.impact)],
    ['Score', risk((r) => r.score)],
    ['Rating', risk((r) => r.rating)],
    ['Response', risk((r) => r.response ?? '')],
    ['Mitigation', risk((r) => r.mitigation)],
    ['Review date', risk((r) => r.reviewDate ?? '')],
    ['Escalated to', risk((r) => r.escalatedTo ?? '')],
  ];
}

function changeColumns(): Column<ListedItem>[] {
  type Change = Extract<ListedItem, { kind: 'change' }>;
  const change = (pick: (c: Change, names: Names, zone: string) => CsvCell) => (i: ListedItem, n: Names, z: string) =>
    (i.kind === 'change' ? pick(i, n, z) : '');
  return [
    ['Decision', change((c) => c.decision)],
    ['Decided by', change((c, n) => name(n, c.decidedById))],
    ['Decided at', change((c, _n, z) => localTime(c.decidedAt, z))],
    ['Impact', change((c) => c.impact)],
    ['Impact on time', change((c) => c.impactTime)],
    ['Impact on cost', change((c) => c.impactCost)],
    ['Impact on scope', change((c) => c.impactScope)],
    ['Raised from', change((c) => c.escalatedFrom ?? '')],
  ];
}

function decisionColumns(): Column<ListedItem>[] {
  type Decision = Extract<ListedItem, { kind: 'decision' }>;
  const decision = (pick: (d: Decision, names: Names) => CsvCell) => (i: ListedItem, n: Names) => (i.kind === 'decision' ? pick(i, n) : '');
  return [
    ['Decided', decision((d) => d.outcome)],
    ['Rationale', decision((d) => d.rationale)],
    ['Decided by', decision((d, n) => name(n, d.decidedById))],
    ['Decided on', decision((d) => d.decidedOn ?? '')],
    ['Concerns', decision((d) => (d.items ?? []).join(' '))],
    ['Superseded by', decision((d) => d.supersededBy ?? '')],
  ];
}

export const STATUS_COLUMNS: Column<StatusUpdateDoc>[] = [
  ['Project', (s) => s.projectKey],
  ['Period', (s) => s.period],
  ['Overall', (s) => s.overall],
  ['Schedule', (s) => s.schedule],
  ['Scope', (s) => s.scope],
  ['Cost', (s) => s.cost],
  ['Summary', (s) => s.summary],
  ['Done', (s) => s.done],
  ['Next', (s) => s.next],
  ['Blockers', (s) => s.blockers],
  ['Author', (s, n) => name(n, s.authorId)],
  ['Submitted', (s, _n, z) => localTime(s.submittedAt, z)],
  ['Revision', (s) => s.revision],
];
