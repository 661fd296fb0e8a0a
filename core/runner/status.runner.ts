// `status [PROJECT] rag=.. ...`: the project's highlight report for this ISO week.
import type { StatusCommand } from '../commands';
import { getProject, submitStatus } from '../services';
import { namesFor } from './lookups';
import { missingReply } from './missing';
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
