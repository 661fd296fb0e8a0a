// The columns of each export: a header and how each cell is read from a row (a kind's own columns are its descriptor's).
import type { StatusUpdateDoc } from '../../models';
import type { ItemKind } from '../domain';
import { localTime, nameIn as name, registerOf, type Column } from '../registers';
import type { ListedItem } from '../services';

export type { Column, Names } from '../registers';

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
  return [...head, ...registerOf(kind).columns, ...tail];
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
