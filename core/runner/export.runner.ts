// `export risks|issues|changes|status [project=KEY]`: the register or the status history as a CSV file.
import type { ExportCommand } from '../commands';
import { nounsOf } from '../registers';
import { todayIn, toWorkspaceId } from '../services';
import { MY_PROJECTS, type ExportSpec } from './export-spec';
import { exportScope } from './export-stream';
import type { Reply, RunContext } from './types';


/**
 * Checks who may export what (SPEC §3: PMO admins, executives, PMs for their own projects) and
 * answers with the export described, not made: each platform makes the CSV when it delivers it
 * (a Slack upload, a Teams consent accepted, a download link opened), checking again then.
 */
export async function runExport(command: ExportCommand, ctx: RunContext): Promise<Reply> {
  const register = command.register ?? 'risk';
  const asked: ExportSpec = {
    workspaceId: toWorkspaceId(ctx.workspaceId).toHexString(),
    register,
    ...(command.project ? { project: command.project.trim().toUpperCase() } : {}),
    userId: ctx.actor.userId,
    ...(ctx.actor.isPlatformAdmin ? { platformAdmin: true } : {}),
    filename: '',
    requestedAt: ctx.now.toISOString(),
  };
  const projects = await exportScope(asked);
  const which = asked.project ?? (projects === undefined ? 'all' : MY_PROJECTS);
  const filename = `${register === 'status' ? 'status' : nounsOf(register).listWord}-${which}-${todayIn(ctx.timeZone, ctx.now)}.csv`;
  return { type: 'file', filename, contentType: 'text/csv', export: { ...asked, filename } };
}
