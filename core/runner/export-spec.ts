// What one export is, as plain data: the file reply carries it, and a Teams consent card or a
// signed download link carries it back, so the CSV is produced only when it is delivered.
import type { ExportRegister } from '../commands';
import { ITEM_KINDS } from '../domain';

export interface ExportSpec {
  /** The workspace read; every delivery checks it against the place it is delivered to. */
  workspaceId: string;
  register: ExportRegister;
  /** project= as asked; without it, every project the requester may read. */
  project?: string;
  /** Platform user id of who asked: their permission is checked again whenever the file is made. */
  userId: string;
  /** The adapter vouched for the asker as a platform admin (Slack workspace admin) when asking. */
  platformAdmin?: boolean;
  filename: string;
  /** ISO instant of the request: the filename's date and the age of a consent are measured from it. */
  requestedAt: string;
}

const REGISTERS: readonly ExportRegister[] = [...ITEM_KINDS, 'status'];
const WORKSPACE_ID = /^[0-9a-f]{24}$/i;
const PROJECT_KEY = /^[A-Z][A-Z0-9_-]{1,19}$/;
/** The names export.runner gives: safe in a Content-Disposition header and as a OneDrive file name. */
const FILENAME = /^[a-z]+-[A-Za-z0-9_-]{1,40}-\d{4}-\d{2}-\d{2}\.csv$/;

/** A spec read back from outside (a consent's context, a link's payload), or null when it is not one. */
export function readExportSpec(value: unknown): ExportSpec | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  const text = (x: unknown, max: number): x is string => typeof x === 'string' && x.length > 0 && x.length <= max;
  if (!text(v.workspaceId, 24) || !WORKSPACE_ID.test(v.workspaceId)) return null;
  if (typeof v.register !== 'string' || !(REGISTERS as readonly string[]).includes(v.register)) return null;
  if (v.project !== undefined && (typeof v.project !== 'string' || !PROJECT_KEY.test(v.project))) return null;
  if (!text(v.userId, 256)) return null;
  if (v.platformAdmin !== undefined && typeof v.platformAdmin !== 'boolean') return null;
  if (!text(v.filename, 80) || !FILENAME.test(v.filename)) return null;
  if (!text(v.requestedAt, 40) || Number.isNaN(Date.parse(v.requestedAt))) return null;
  return {
    workspaceId: v.workspaceId,
    register: v.register as ExportRegister,
    ...(v.project !== undefined ? { project: v.project as string } : {}),
    userId: v.userId,
    ...(v.platformAdmin ? { platformAdmin: true } : {}),
    filename: v.filename,
    requestedAt: v.requestedAt,
  };
}

/** The filename's middle part for a PM's export of their own projects (export.runner names files). */
export const MY_PROJECTS = 'my-projects';

const NOUNS: Record<ExportRegister, string> = {
  risk: 'Risk register', issue: 'Issue register', change: 'Change log', decision: 'Decision log', action: 'Action log', status: 'Status history',
};

/** "Risk register, APOLLO" — what a consent card or a link line says the file is. */
export function describeExport(spec: Pick<ExportSpec, 'register' | 'project' | 'filename'>): string {
  const which = spec.project ?? (spec.filename.includes(`-${MY_PROJECTS}-`) ? 'your projects' : 'all projects');
  return `${NOUNS[spec.register]}, ${which}`;
}
