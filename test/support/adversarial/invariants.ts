// What must hold in the database whatever was sent: every register item whole and valid, in the
// workspace it was typed in, and every complete inline save stored once with its title as typed.
import type { Types } from 'mongoose';
import {
  ChangeRequestModel, IssueModel, ItemHistoryModel, PersonModel, ProjectModel, RiskModel, StatusUpdateModel,
} from '../../../models';
import { MARKER } from './hostile';
import type { Code, ScribeEntry } from './plan';

type Doc = Record<string, unknown> & { _id: Types.ObjectId; workspaceId: Types.ObjectId };

const KINDS = [
  { kind: 'risk', prefix: 'R', model: RiskModel, statuses: ['open', 'mitigating', 'closed'] },
  { kind: 'issue', prefix: 'I', model: IssueModel, statuses: ['open', 'in_progress', 'resolved', 'closed'] },
  { kind: 'change', prefix: 'C', model: ChangeRequestModel, statuses: ['open', 'closed'] },
] as const;

/** What core/sanitize drops from stored text (controls, DEL, C1, bidi, invisibles) and lone surrogates. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const HIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** SPEC §2: low 1–4, medium 5–9, high 10–16, critical 20–25. */
const rating = (score: number): string => (score >= 20 ? 'critical' : score >= 10 ? 'high' : score >= 5 ? 'medium' : 'low');

const isDate = (v: unknown): boolean => {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
};

/** The people a workspace's test traffic comes from: Teams `29:ta-…`, Slack `USA…`. */
const userPrefix = (code: Code): string => (code.startsWith('t') ? `29:${code}-` : `U${code.toUpperCase()}`);

function textProblems(what: string, value: unknown, code: Code, oneLine: boolean): string[] {
  if (typeof value !== 'string') return [`${what} is ${JSON.stringify(value)}, not text`];
  const problems: string[] = [];
  if (HIDDEN.test(value)) problems.push(`${what} keeps a control, bidi or lone surrogate character: ${JSON.stringify(value.slice(0, 200))}`);
  if (oneLine && /[\n\r\t]/.test(value)) problems.push(`${what} is not one line: ${JSON.stringify(value.slice(0, 200))}`);
  if (value.includes('[object Object]')) problems.push(`${what} holds "[object Object]"`);
  for (const [marker, owner] of value.matchAll(MARKER)) if (owner !== code) problems.push(`${what} holds ${marker}, typed in ${owner}`);
  return problems;
}

function itemProblems(kind: (typeof KINDS)[number], item: Doc, code: Code | undefined, projects: Set<string>): string[] {
  const at = `${kind.kind} ${String(item.key)} (${String(item._id)})`;
  if (!code) return [`${at} is in a workspace no test tenant has: ${String(item.workspaceId)}`];
  const p: string[] = [];
  if (typeof item.key !== 'string' || !new RegExp(`^${kind.prefix}-[1-9]\\d*$`).test(item.key)) p.push(`${at}: key does not match ${kind.prefix}-n`);
  else if (item.key !== `${kind.prefix}-${String(item.seq)}`) p.push(`${at}: key and seq ${String(item.seq)} disagree`);
  p.push(...textProblems(`${at} title`, item.title, code, true));
  if (typeof item.title === 'string' && (item.title.trim() !== item.title || item.title === '' || item.title.length > 200)) p.push(`${at}: title empty, untrimmed or over 200: ${JSON.stringify(item.title.slice(0, 250))}`);
  for (const field of ['description', 'resolution', 'mitigation', ...(kind.kind === 'change' ? ['impact'] : [])]) {
    if (item[field] !== undefined && item[field] !== null) p.push(...textProblems(`${at} ${field}`, item[field], code, false));
  }
  if (typeof item.projectKey !== 'string' || !projects.has(`${String(item.workspaceId)}:${item.projectKey}`)) p.push(`${at}: project ${JSON.stringify(item.projectKey)} is not a project of its workspace`);
  for (const field of ['ownerId', 'raisedById']) {
    const id = item[field];
    if (typeof id !== 'string' || id === '') p.push(`${at}: ${field} is ${JSON.stringify(id)}`);
    else if (!id.startsWith(userPrefix(code))) p.push(`${at}: ${field} ${id} is nobody of ${code}`);
  }
  if (!(kind.statuses as readonly string[]).includes(String(item.status))) p.push(`${at}: status ${JSON.stringify(item.status)}`);
  if (item.due !== undefined && item.due !== null && !isDate(item.due)) p.push(`${at}: due ${JSON.stringify(item.due)} is not a date`);
  if (kind.kind === 'risk') {
    const { probability: pr, impact: im, score } = item;
    const scale = (v: unknown) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 5;
    if (!scale(pr) || !scale(im)) p.push(`${at}: probability ${JSON.stringify(pr)} or impact ${JSON.stringify(im)} not 1–5`);
    else if (score !== (pr as number) * (im as number)) p.push(`${at}: score ${JSON.stringify(score)} is not ${String(pr)}×${String(im)}`);
    else if (item.rating !== rating(score as number)) p.push(`${at}: rating ${JSON.stringify(item.rating)} for score ${String(score)}`);
    if (item.reviewDate !== undefined && item.reviewDate !== null && !isDate(item.reviewDate)) p.push(`${at}: review date ${JSON.stringify(item.reviewDate)}`);
  }
  if (kind.kind === 'issue') {
    if (!['low', 'medium', 'high', 'critical'].includes(String(item.priority))) p.push(`${at}: priority ${JSON.stringify(item.priority)}`);
    if (!['problem', 'request_for_change', 'off_specification'].includes(String(item.type))) p.push(`${at}: type ${JSON.stringify(item.type)}`);
  }
  if (kind.kind === 'change' && !['pending', 'approved', 'rejected', 'deferred'].includes(String(item.decision))) p.push(`${at}: decision ${JSON.stringify(item.decision)}`);
  return p;
}

export interface Snapshot {
  items: { kind: string; doc: Doc }[];
  problems: string[];
}

/** Every register item, project, person, history line and status update checked against its workspace. */
export async function databaseProblems(workspaces: ReadonlyMap<string, Code>): Promise<Snapshot> {
  const problems: string[] = [];
  const codeOf = (doc: Doc): Code | undefined => workspaces.get(String(doc.workspaceId));
  const projects = new Set<string>();
  for (const project of (await ProjectModel.find({}).lean()) as unknown as Doc[]) {
    const code = codeOf(project);
    if (!code) problems.push(`project ${String(project.key)} in a workspace no test tenant has`);
    else problems.push(...textProblems(`project ${String(project.key)} name`, project.name, code, true));
    projects.add(`${String(project.workspaceId)}:${String(project.key)}`);
  }
  const items: Snapshot['items'] = [];
  const keys = new Set<string>();
  for (const kind of KINDS) {
    const docs = (await (kind.model as unknown as typeof RiskModel).find({}).lean()) as unknown as Doc[];
    for (const doc of docs) {
      items.push({ kind: kind.kind, doc });
      problems.push(...itemProblems(kind, doc, codeOf(doc), projects));
      const unique = `${String(doc.workspaceId)}:${String(doc.key)}`;
      if (keys.has(unique)) problems.push(`${String(doc.key)} twice in one workspace`);
      keys.add(unique);
    }
  }
  for (const line of (await ItemHistoryModel.find({}).lean()) as unknown as Doc[]) {
    if (!keys.has(`${String(line.workspaceId)}:${String(line.itemKey)}`)) problems.push(`history of ${String(line.itemKey)} with no such item in its workspace`);
  }
  for (const person of (await PersonModel.find({}).lean()) as unknown as Doc[]) {
    const code = codeOf(person);
    const id = String(person.platformUserId);
    if (!code) problems.push(`person ${id} in a workspace no test tenant has`);
    else if (!id.startsWith(userPrefix(code))) problems.push(`person ${id} of another tenant stored in ${code}`);
    if (code) problems.push(...textProblems(`person ${id} name`, person.displayName ?? '', code, true));
  }
  for (const status of (await StatusUpdateModel.find({}).lean()) as unknown as Doc[]) {
    if (!projects.has(`${String(status.workspaceId)}:${String(status.projectKey)}`)) problems.push(`status update for ${String(status.projectKey)}, no project of its workspace`);
  }
  return { items, problems };
}

/**
 * Each complete inline save stored exactly once (escalation copies aside), with the title as typed
 * less what sanitisation drops. A later `update … title=` is allowed: the title an item was created
 * with is its first title change's `from`, else its title (the item is the record of its creation).
 */
export async function scribeProblems(entries: readonly (ScribeEntry & { ws: Code })[], workspaces: ReadonlyMap<string, Code>, items: Snapshot['items']): Promise<string[]> {
  const problems: string[] = [];
  const titleChanges = (await ItemHistoryModel.find({ field: 'title' }).sort({ at: 1, _id: 1 }).lean()) as unknown as Doc[];
  const createdTitle = (item: Snapshot['items'][number]): unknown => {
    const first = titleChanges.find((h) => String(h.workspaceId) === String(item.doc.workspaceId) && h.itemKey === item.doc.key && h.kind === item.kind);
    return first ? first.from : item.doc.title;
  };
  const originals = items.filter((i) => !i.doc.escalatedFrom).map((item) => ({ item, title: createdTitle(item) }));
  for (const entry of entries) {
    const found = originals.filter(({ item, title }) => typeof title === 'string' && title.includes(entry.marker) && workspaces.get(String(item.doc.workspaceId)) === entry.ws);
    const what = `the ${entry.kind} ${entry.marker} typed in ${entry.ws}`;
    if (found.length !== 1) {
      problems.push(`${what} was stored ${found.length} times`);
      continue;
    }
    const [{ item: { kind, doc }, title }] = found;
    if (kind !== entry.kind) problems.push(`${what} was stored as a ${kind}`);
    if (title !== entry.title) problems.push(`${what} was stored with the title ${JSON.stringify(title)}, typed ${JSON.stringify(entry.title)}`);
    if (doc.projectKey !== entry.project) problems.push(`${what} was stored in ${String(doc.projectKey)}, not ${entry.project}`);
    if (entry.probability !== undefined && (doc.probability !== entry.probability || doc.impact !== entry.impact)) {
      const changed = await ItemHistoryModel.countDocuments({ workspaceId: doc.workspaceId, itemKey: doc.key, field: { $in: ['probability', 'impact'] } });
      if (changed === 0) problems.push(`${what} was stored with p=${String(doc.probability)} i=${String(doc.impact)}, typed p=${entry.probability} i=${entry.impact}`);
    }
  }
  return problems;
}
