// Workspace set-up (PMO admin): project/program/portfolio add, link, link exec, role, settings.
import { Types } from 'mongoose';
import type {
  LinkCommand, LinkExecCommand, PortfolioAddCommand, ProgramAddCommand, ProjectAddCommand, RoleCommand, SettingsCommand,
} from '../commands';
import type { Role } from '../domain';
import {
  addPortfolio, addProgram, addProject, getSettings, grantRole, linkChannel, linkExecChannel, updateSettings,
  type WorkspaceSettings,
} from '../services';
import { ensureMentioned, namesFor } from './lookups';
import { incomplete, missingReply } from './missing';
import { joinAnd, text } from './replies';
import { policyChanges, policySummary } from '../policy';
import type { Reply, RunContext } from './types';

export async function runProjectAdd(command: ProjectAddCommand, ctx: RunContext): Promise<Reply> {
  const missing = missingReply(command);
  if (missing) return missing;
  const project = await addProject(ctx.workspaceId, ctx.actor, {
    key: command.key ?? '',
    name: command.title ?? '',
    programKey: command.program,
    portfolioKey: command.portfolio,
    pmId: command.pm?.platformUserId,
  });
  await ensureMentioned(ctx, command.pm);
  const pmName = project.pmId ? (await namesFor(ctx, [project.pmId])).get(project.pmId) : undefined;
  const details = [
    project.portfolioKey ? `portfolio ${project.portfolioKey}` : '',
    project.programKey ? `program ${project.programKey}` : '',
    pmName ? `PM ${pmName}` : '',
  ].filter(Boolean);
  const where = details.length ? ` (${details.join(', ')})` : '';
  return text(`Added project ${project.key} "${project.name}"${where}. Type link ${project.key} in its channel so project= defaults to it there.`);
}

export async function runProgramAdd(command: ProgramAddCommand, ctx: RunContext): Promise<Reply> {
  const missing = missingReply(command);
  if (missing) return missing;
  const program = await addProgram(ctx.workspaceId, ctx.actor, { key: command.key ?? '', name: command.title ?? '', portfolioKey: command.portfolio });
  const where = program.portfolioKey ? ` in portfolio ${program.portfolioKey}` : '';
  return text(`Added program ${program.key} "${program.name}"${where}.`);
}

export async function runPortfolioAdd(command: PortfolioAddCommand, ctx: RunContext): Promise<Reply> {
  const missing = missingReply(command);
  if (missing) return missing;
  const portfolio = await addPortfolio(ctx.workspaceId, ctx.actor, { key: command.key ?? '', name: command.title ?? '' });
  return text(`Added portfolio ${portfolio.key} "${portfolio.name}". Type link exec ${portfolio.key} in an executives' channel to post its digest there.`);
}

export async function runLink(command: LinkCommand, ctx: RunContext): Promise<Reply> {
  const missing = missingReply(command);
  if (missing) return missing;
  const channel = { platform: ctx.platform, channelId: ctx.channelId ?? '' };
  const { project, movedFrom } = await linkChannel(ctx.workspaceId, ctx.actor, command.project ?? '', channel);
  const moved = movedFrom.length ? ` It is no longer linked to ${joinAnd(movedFrom)}.` : '';
  return text(`Linked this channel to ${project.key} (${project.name}): project= defaults to ${project.key} here.${moved}`);
}

export async function runLinkExec(command: LinkExecCommand, ctx: RunContext): Promise<Reply> {
  const missing = missingReply(command);
  if (missing) return missing;
  const refId = ctx.conversationRefId && Types.ObjectId.isValid(ctx.conversationRefId) ? new Types.ObjectId(ctx.conversationRefId) : null;
  const channel = { platform: ctx.platform, channelId: ctx.channelId ?? '', conversationRefId: refId };
  const portfolio = await linkExecChannel(ctx.workspaceId, ctx.actor, command.portfolio ?? '', channel);
  return text(`This channel is now an exec channel of ${portfolio.key} (${portfolio.name}): its portfolio digest is posted here.`);
}

const ROLE_LABEL: Record<Role, string> = {
  member: 'a member',
  pm: 'a project manager',
  pmo_admin: 'a PMO admin',
  executive: 'an executive',
};

/** grantRole records the person with the name from the mention when they are new. */
export async function runRole(command: RoleCommand, ctx: RunContext): Promise<Reply> {
  const { user, role } = command;
  if (!user || !role) return incomplete(command);
  const { person, previousRole } = await grantRole(ctx.workspaceId, ctx.actor, user.platformUserId, role, user.displayName);
  const name = person.displayName || user.platformUserId;
  if (previousRole === role) return text(`${name} already is ${ROLE_LABEL[role]}; nothing changed.`);
  return text(`${name} is now ${ROLE_LABEL[role]}.`);
}

function describeSettings(s: WorkspaceSettings): string {
  return [
    'Workspace settings:',
    `• Time zone: ${s.timeZone}`,
    `• Portfolio digest: ${s.schedules.digest}`,
    `• Overdue reminders: ${s.schedules.reminders}`,
    `• Status nudge: ${s.schedules.nudge}`,
    `• PMO scorecard: ${s.schedules.scorecard}`,
    `• PMO policy: ${s.policy}`,
    ...policySummary(s.policy).map((line) => `   – ${line}`),
    `• Holidays (no reminders or nudges): ${s.holidays.length > 0 ? s.holidays.join(', ') : 'none'}`,
    'Change one with e.g. settings timezone=Europe/Berlin digest="Mon 09:30" (PMO admin).',
  ].join('\n');
}

const SETTING_LABEL: Record<string, (s: WorkspaceSettings) => string> = {
  timeZone: (s) => `time zone ${s.timeZone}`,
  digest: (s) => `digest ${s.schedules.digest}`,
  reminders: (s) => `reminders ${s.schedules.reminders}`,
  nudge: (s) => `nudge ${s.schedules.nudge}`,
  policy: (s) => `policy ${s.policy}`,
  scorecard: (s) => `scorecard ${s.schedules.scorecard}`,
  holidays: (s) => `holidays ${s.holidays.length > 0 ? s.holidays.join(', ') : 'none'}`,
};

/** Alone: shows the settings (anyone may read them). With fields: changes them (PMO admin). */
export async function runSettings(command: SettingsCommand, ctx: RunContext): Promise<Reply> {
  const { timezone, digest, reminders, nudge, policy, scorecard, holidays } = command;
  const patch = { timeZone: timezone, digest, reminders, nudge, policy, scorecard, holidays };
  if (Object.values(patch).every((v) => v === undefined)) return text(describeSettings(await getSettings(ctx.workspaceId)));
  const { settings, changed, previous } = await updateSettings(ctx.workspaceId, ctx.actor, patch);
  if (changed.length === 0) return text('Nothing changed: the settings already had those values.');
  const updated = `Settings updated: ${joinAnd(changed.map((field) => SETTING_LABEL[field]?.(settings) ?? field))}.`;
  if (!changed.includes('policy')) return text(updated);
  // SPEC §4: a policy changes what the bot asks and enforces; say what, row by row.
  const rows = policyChanges(previous.policy, settings.policy).map((line) => `• ${line}`);
  return text([updated, `What changes from ${previous.policy} to ${settings.policy}:`, ...rows].join('\n'));
}
