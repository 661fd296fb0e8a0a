// An export as a stream of CSV text: rows are read from the database a batch at a time and
// written as they come, so a register of any size never sits in memory whole.
import { Readable } from 'node:stream';
import type { WorkspaceDoc } from '../../models';
import { assertInScope, displayNames, reportScope, requireProject, streamItems, streamStatusUpdates } from '../services';
import { loadWorkspace } from '../services/context';
import { itemColumns, STATUS_COLUMNS, type Column } from './export-columns';
import type { ExportSpec } from './export-spec';
import { CSV_BOM, csvLine } from './csv';
import { itemPeople } from './lookups';

/** What `export` reads: its permission says who, the spec says what. */
const WHAT = 'export';

export interface ExportStream {
  filename: string;
  /** UTF-8 CSV: BOM, header, one CRLF line per row. Destroying it closes the database cursor. */
  stream: Readable;
  /** Data rows written so far (all of them once the stream has ended). */
  rows(): number;
}

/**
 * The projects the export may read, checked now (a consent accepted later, or a link opened later,
 * is checked again): every one (undefined), or the named project, or the asker's own as PM.
 * Throws the refusal (PmoError) for anyone else.
 */
export async function exportScope(spec: ExportSpec): Promise<string[] | undefined> {
  return scopeIn(await loadWorkspace(spec.workspaceId), spec);
}

async function scopeIn(workspace: WorkspaceDoc, spec: ExportSpec): Promise<string[] | undefined> {
  const scope = await reportScope(workspace, { userId: spec.userId, isPlatformAdmin: spec.platformAdmin }, WHAT);
  if (spec.project) {
    const project = await requireProject(workspace._id, spec.project);
    assertInScope(scope, project.key, WHAT);
    return [project.key];
  }
  return scope.all ? undefined : scope.projectKeys;
}

/** The export's CSV, permission checked first; rows are read as the stream is consumed. */
export async function openExport(spec: ExportSpec, now: Date): Promise<ExportStream> {
  const workspace = await loadWorkspace(spec.workspaceId);
  const projectKeys = await scopeIn(workspace, spec);
  let rows = 0;
  const names = new Map<string, string>();
  async function* text(): AsyncGenerator<string> {
    if (spec.register === 'status') {
      yield* table(STATUS_COLUMNS, streamStatusUpdates(workspace._id, projectKeys), (s) => [s.authorId]);
    } else {
      const items = streamItems(workspace._id, { kind: spec.register, projectKeys }, now);
      yield* table(itemColumns(spec.register), items, itemPeople);
    }
  }
  /** Header, then each batch as one chunk once the names it shows are known (each person looked up once). */
  async function* table<T>(columns: Column<T>[], batches: AsyncIterable<T[]>, people: (row: T) => (string | null | undefined)[]): AsyncGenerator<string> {
    yield CSV_BOM + csvLine(columns.map(([header]) => header));
    for await (const batch of batches) {
      const unknown = [...new Set(batch.flatMap(people))].filter((id): id is string => !!id && !names.has(id));
      if (unknown.length > 0) for (const [id, shown] of await displayNames(workspace._id, unknown)) names.set(id, shown);
      rows += batch.length;
      yield batch.map((row) => csvLine(columns.map(([, cell]) => cell(row, names, workspace.timeZone)))).join('');
    }
  }
  return { filename: spec.filename, stream: Readable.from(text(), { objectMode: false }), rows: () => rows };
}
