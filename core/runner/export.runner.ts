// `export risks|issues|changes|status [project=KEY]`: the register or the status history as a CSV file.
import { DateTime } from 'luxon';
import type { ExportCommand, ExportRegister } from '../commands';
import type { ItemKind } from '../domain';
import type { StatusUpdateDoc } from '../../models';
import { listItems, listProjects, requireProject, statusHistory, todayIn, toWorkspaceId, type ListedItem } from '../services';
import { toCsv, type CsvCell } from './csv';
import { itemPeople, namesFor } from './lookups';
import { errorReply } from './replies';
import type { Reply, RunContext } from './types';

/** The most rows listItems returns at once; a bigger register is exported a project at a time. */
export const EXPORT_LIMIT = 200;
/** Ten years of weekly updates: all of a project's history in practice. */
const STATUS_WEEKS = 520;

type Names = ReadonlyMap<string, string>;
type Column<T> = [header: string, cell: (row: T, names: Names, zone: string) => CsvCell];

const localTime = (at: Date | null | undefined, zone: string): string =>
  at ? DateTime.fromJSDate(at, { zone }).toFormat('yyyy-MM-dd HH:mm') : '';
const name = (names: Names, id: string | null | undefined): string => (id ? (names.get(id) ?? id) : '');

function itemColumns(kind: ItemKind): Column<ListedItem>[] {
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
        ['Escalated from', (i) => (i.kind === 'issue' ? i.escalatedFrom : '')], ...tail];
    case 'change':
      return [...head, ...changeColumns(), ...tail];
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
  ];
}

const STATUS_COLUMNS: Column<StatusUpdateDoc>[] = [
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

function table<T>(columns: Column<T>[], rows: readonly T[], names: Names, zone: string): string {
  return toCsv(columns.map(([header]) => header), rows.map((row) => columns.map(([, cell]) => cell(row, names, zone))));
}

const PLURAL: Record<ExportRegister, string> = { risk: 'risks', issue: 'issues', change: 'changes', status: 'status' };

function file(register: ExportRegister, project: string | undefined, ctx: RunContext, content: string): Reply {
  const filename = `${PLURAL[register]}-${project ?? 'all'}-${todayIn(ctx.timeZone, ctx.now)}.csv`;
  return { type: 'file', filename, contentType: 'text/csv', content };
}

async function exportItems(kind: ItemKind, project: string | undefined, ctx: RunContext): Promise<Reply> {
  const query = { kind, project, includeClosed: true, limit: EXPORT_LIMIT };
  const { items, total } = await listItems(ctx.workspaceId, query, ctx.now);
  if (total > items.length) {
    // TODO(export-paging): page through the register in the service instead of refusing.
    const where = project ? ` on ${project}` : '';
    return errorReply(`There are ${total} ${PLURAL[kind]}${where}, more than the ${EXPORT_LIMIT} one export holds.`, {
      hint: 'Export one project at a time with project=KEY.',
    });
  }
  const names = await namesFor(ctx, items.flatMap(itemPeople));
  return file(kind, project, ctx, table(itemColumns(kind), items, names, ctx.timeZone));
}

async function exportStatus(project: string | undefined, ctx: RunContext): Promise<Reply> {
  const keys = project
    ? [(await requireProject(toWorkspaceId(ctx.workspaceId), project)).key]
    : (await listProjects(ctx.workspaceId, { includeClosed: true })).map((p) => p.key);
  const rows: StatusUpdateDoc[] = [];
  for (const key of keys) rows.push(...(await statusHistory(ctx.workspaceId, key, STATUS_WEEKS)));
  const names = await namesFor(ctx, rows.map((s) => s.authorId));
  return file('status', project, ctx, table(STATUS_COLUMNS, rows, names, ctx.timeZone));
}

export async function runExport(command: ExportCommand, ctx: RunContext): Promise<Reply> {
  const register = command.register ?? 'risk';
  if (register === 'status') return exportStatus(command.project, ctx);
  return exportItems(register, command.project, ctx);
}
