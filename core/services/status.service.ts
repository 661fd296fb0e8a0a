import { ProjectModel, StatusUpdateModel, type ProjectDoc, type StatusUpdateDoc } from '../../models';
import { RAGS, type Actor, type IsoDate, type IsoWeek, type Rag } from '../domain';
import { policyRules } from '../policy';
import { loadWorkspace, toWorkspaceId, type WorkspaceId } from './context';
import { invalid, isDuplicateKeyError, PmoError } from './errors';
import { requireProject } from './hierarchy.service';
import { assertCanReportStatus } from './permissions';
import { isIsoDate, isIsoWeek, isoWeekOf } from './time';

/** A highlight report as the dialog collects it. */
export interface StatusInput {
  overall: string;
  schedule?: string | null;
  scope?: string | null;
  cost?: string | null;
  summary?: string;
  done?: string;
  next?: string;
  blockers?: string;
  /** Why overall is amber or red; the workspace's policy says whether it is required. */
  reason?: string;
  /** Directive policy: when it is back on track, required with the reason. */
  recovery?: IsoDate;
  /** The forecast finish; without one the project's last forecast stays in effect. */
  forecast?: IsoDate;
}

const RAG_ALIASES: Record<string, Rag> = { r: 'red', a: 'amber', g: 'green', yellow: 'amber' };

/**
 * Stores the project's status update for the ISO week `now` falls in, in the workspace's zone. A
 * second submission in the same week replaces the first and bumps `revision`. The project's PM or
 * a PMO admin only.
 */
export async function submitStatus(
  ws: WorkspaceId,
  actor: Actor,
  projectKey: string,
  input: StatusInput,
  now: Date,
): Promise<{ status: StatusUpdateDoc; replaced: boolean }> {
  const workspace = await loadWorkspace(ws);
  const project = await requireProject(workspace._id, projectKey);
  if (!project.active) throw new PmoError('conflict', `${project.key} is closed; it takes no more status updates.`);
  await assertCanReportStatus(workspace, actor, project);
  const report = {
    overall: rag('overall', input.overall, true),
    schedule: rag('schedule', input.schedule, false),
    scope: rag('scope', input.scope, false),
    cost: rag('cost', input.cost, false),
    summary: text('summary', input.summary, 2000),
    done: text('done', input.done, 4000),
    next: text('next', input.next, 4000),
    blockers: text('blockers', input.blockers, 4000),
  };
  const explained = explanation(report.overall, input, policyRules(workspace.policy).statusReason);
  const finish = await forecastFinish(project, date('forecast', input.forecast));
  const key = { workspaceId: workspace._id, projectKey: project.key, period: isoWeekOf(now, workspace.timeZone) };
  const update = { $set: { ...report, ...explained, ...finish, authorId: actor.userId, submittedAt: now }, $inc: { revision: 1 } };
  for (let attempt = 1; ; attempt++) {
    try {
      const status = await StatusUpdateModel.findOneAndUpdate(key, update, { upsert: true, new: true }).lean<StatusUpdateDoc>();
      if (!status) throw new Error(`status upsert for ${project.key} returned nothing`);
      return { status, replaced: status.revision > 1 };
    } catch (err) {
      if (!isDuplicateKeyError(err) || attempt >= 3) throw err;
    }
  }
}

/** The project's most recent status update, whatever its week. */
export async function latestStatus(ws: WorkspaceId, projectKey: string): Promise<StatusUpdateDoc | null> {
  const query = { workspaceId: toWorkspaceId(ws), projectKey: projectKey.trim().toUpperCase() };
  return StatusUpdateModel.findOne(query).sort({ period: -1 }).lean<StatusUpdateDoc>();
}

/** The project's last `weeks` status updates, newest first (weeks without one are simply absent). */
export async function statusHistory(ws: WorkspaceId, projectKey: string, weeks: number): Promise<StatusUpdateDoc[]> {
  if (!Number.isInteger(weeks) || weeks < 1) throw invalid('weeks', 'weeks must be a whole number of at least 1.');
  const query = { workspaceId: toWorkspaceId(ws), projectKey: projectKey.trim().toUpperCase() };
  return StatusUpdateModel.find(query).sort({ period: -1 }).limit(weeks).lean<StatusUpdateDoc[]>();
}

/** Every status update of one ISO week (the digest's roll-up). */
export async function statusesForPeriod(ws: WorkspaceId, period: IsoWeek): Promise<StatusUpdateDoc[]> {
  checkPeriod(period);
  return StatusUpdateModel.find({ workspaceId: toWorkspaceId(ws), period }).sort({ projectKey: 1 }).lean<StatusUpdateDoc[]>();
}

/** Active projects with no status update for `period` (the nudge and the digest). */
export async function projectsMissingStatus(ws: WorkspaceId, period: IsoWeek): Promise<ProjectDoc[]> {
  checkPeriod(period);
  const workspaceId = toWorkspaceId(ws);
  const reported = new Set((await statusesForPeriod(workspaceId, period)).map((s) => s.projectKey));
  const projects = await ProjectModel.find({ workspaceId, active: true }).sort({ key: 1 }).lean<ProjectDoc[]>();
  return projects.filter((p) => !reported.has(p.key));
}

/** The reason (and recovery date) behind an amber or red, as the policy requires them; none for green. */
function explanation(overall: Rag | null, input: StatusInput, rule: 'optional' | 'required' | 'required-with-recovery-date') {
  if (overall !== 'amber' && overall !== 'red') return { reason: null, recoveryDate: null };
  const reason = text('reason', input.reason, 1000) || null;
  const recoveryDate = date('recovery', input.recovery);
  const an = overall === 'amber' ? 'An amber' : 'A red';
  if (!reason && rule !== 'optional') throw invalid('reason', `${an} status needs a reason: what went ${overall === 'red' ? 'wrong' : 'off track'}, in a line or two.`);
  if (!recoveryDate && rule === 'required-with-recovery-date') throw invalid('recovery', `${an} status needs a recovery date under the directive policy: when will it be back on track?`);
  return { reason, recoveryDate };
}

/**
 * The forecast in effect and the baseline it slips against. The project's first forecast becomes its
 * baseline (set once: the conditional update cannot overwrite one another update set meanwhile); a
 * later one moves the forecast only; none keeps the last.
 */
async function forecastFinish(project: ProjectDoc, forecast: IsoDate | null): Promise<{ forecastFinish: IsoDate | null; baselineFinish: IsoDate | null }> {
  if (!forecast) return { forecastFinish: project.forecastFinish ?? null, baselineFinish: project.baselineFinish ?? null };
  const key = { workspaceId: project.workspaceId, key: project.key };
  if (!project.baselineFinish) await ProjectModel.updateOne({ ...key, baselineFinish: null }, { $set: { baselineFinish: forecast } });
  const updated = await ProjectModel.findOneAndUpdate(key, { $set: { forecastFinish: forecast } }, { new: true }).lean<ProjectDoc>();
  return { forecastFinish: forecast, baselineFinish: updated?.baselineFinish ?? forecast };
}

function date(field: string, raw: string | null | undefined): IsoDate | null {
  if (raw === undefined || raw === null || raw.trim() === '') return null;
  if (!isIsoDate(raw.trim())) throw invalid(field, `${field} must be a date like 2026-12-04.`);
  return raw.trim();
}

function checkPeriod(period: string): void {
  if (!isIsoWeek(period)) throw invalid('period', `"${period}" is not an ISO week like 2026-W48.`);
}

function rag(field: string, raw: string | null | undefined, required: boolean): Rag | null {
  if (raw === undefined || raw === null || raw === '') {
    if (required) throw invalid(field, `${field} RAG is required: red, amber or green.`);
    return null;
  }
  const value = raw.trim().toLowerCase();
  const result = RAG_ALIASES[value] ?? value;
  if (!RAGS.includes(result as Rag)) throw invalid(field, `${field} RAG must be red, amber or green.`);
  return result as Rag;
}

function text(field: string, raw: string | undefined, max: number): string {
  const value = (raw ?? '').trim();
  if (value.length > max) throw invalid(field, `${field} is too long (at most ${max} characters).`);
  return value;
}
