// `status [PROJECT] rag=.. ...`: the project's highlight report for this ISO week.
import type { ShowProjectCommand, StatusCommand } from '../commands';
import { getProject, latestStatus, PmoError, slipDays, submitStatus } from '../services';
import { namesFor } from './lookups';
import { missingReply } from './missing';
import { text } from './replies';
import type { Reply, RunContext } from './types';
import { toStatusView } from './views';

export async function runStatus(command: StatusCommand, ctx: RunContext): Promise<Reply> {
  const missing = missingReply(command);
  if (missing) return missing;
  const input = {
    overall: command.rag ?? '',
    schedule: command.schedule,
    scope: command.scope,
    cost: command.cost,
    summary: command.summary,
    done: command.done,
    next: command.next,
    blockers: command.blockers,
    reason: command.reason,
    recovery: command.recovery,
    forecast: command.forecast,
  };
  const { status, replaced } = await submitStatus(ctx.workspaceId, ctx.actor, command.project ?? '', input, ctx.now);
  const [project, names] = await Promise.all([getProject(ctx.workspaceId, status.projectKey), namesFor(ctx, [status.authorId])]);
  return { type: 'status', view: toStatusView(status, names, project?.name), replaced };
}

/**
 * `show APOLLO`: the project's latest status, with the forecast finish and the slip as they stand now
 * (a later status may have moved neither; the project holds the current ones).
 */
export async function runShowProject(command: ShowProjectCommand, ctx: RunContext): Promise<Reply> {
  const [project, status] = await Promise.all([getProject(ctx.workspaceId, command.project), latestStatus(ctx.workspaceId, command.project)]);
  if (!project) throw new PmoError('not_found', `There is no project ${command.project}.`, { field: 'project' });
  const finish = { forecastFinish: project.forecastFinish ?? null, baselineFinish: project.baselineFinish ?? null };
  if (!status) {
    const slip = slipDays(finish.forecastFinish, finish.baselineFinish);
    const forecast = finish.forecastFinish ? ` Forecast finish ${finish.forecastFinish}${slip ? ` (${slip > 0 ? '+' : ''}${slip} days against the baseline ${finish.baselineFinish})` : ''}.` : '';
    return text(`${project.key} — ${project.name}: no status update yet.${forecast} Type status ${project.key} to give one.`);
  }
  const names = await namesFor(ctx, [status.authorId]);
  return { type: 'status', view: toStatusView({ ...status, ...finish }, names, project.name), replaced: false, shown: true };
}
