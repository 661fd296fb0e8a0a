// `digest [PORTFOLIO]` and `reminders`: the scheduled jobs run now through the job runtime (ctx.jobs).
import type { DigestCommand } from '../commands';
import { getPerson, isPmoAdmin, listProjects, PmoError, reportScope, requirePortfolio, type ReportScope } from '../services';
import { loadWorkspace } from '../services/context';
import { errorReply, joinAnd, text } from './replies';
import type { OnDemandOutcome, Reply, RunContext } from './types';

const NOT_HERE = 'this bot instance does not run the scheduled jobs, so nothing was sent.';

/** SPEC §3: PMO admins and executives get the whole digest, a PM the digest of their own projects, anyone else a refusal. */
export async function runDigestNow(command: DigestCommand, ctx: RunContext): Promise<Reply> {
  const workspace = await loadWorkspace(ctx.workspaceId);
  const scope = await reportScope(workspace, ctx.actor, 'post the digest');
  if (!ctx.jobs) return errorReply(`The digest cannot be posted now: ${NOT_HERE}`);
  const portfolio = command.portfolio ? await requirePortfolio(workspace._id, command.portfolio) : null;
  const projectKeys = scope.all ? undefined : scope.projectKeys;
  const outcome = await ctx.jobs.digestNow({ ...requestOf(ctx), portfolioKey: portfolio?.key, ...(projectKeys ? { projectKeys } : {}) });
  const mine = projectKeys ? ` of your projects (${projectKeys.join(', ')})` : '';
  const what = `${portfolio ? `the ${portfolio.key} digest` : 'the portfolio digest'}${mine}`;
  if (outcome.planned === 0) return text(nothingToDigest(scope, portfolio?.key));
  const digests = outcome.sentByKind.digest ?? 0;
  const pages = outcome.sentByKind.digest_projects ?? 0;
  if (digests === 0) return errorReply(`Could not post ${what} here: ${reasons(outcome)}.`);
  const posted = digests === 1 ? what : `${digests} portfolio digests${mine}`;
  const rest = pages > 0 ? `, with every project line in ${plural(pages, 'more message')}` : '';
  const failed = outcome.failed.length ? ` Some could not be posted: ${reasons(outcome)}.` : '';
  return text(`Posted ${posted} here${rest}.${failed}`);
}

function nothingToDigest(scope: ReportScope, portfolioKey: string | undefined): string {
  if (!scope.all) {
    const yours = scope.projectKeys.join(', ');
    return portfolioKey
      ? `None of your projects (${yours}) is an active project of ${portfolioKey}, so there is no digest of it for you.`
      : `None of your projects (${yours}) is an active project of a portfolio yet, so there is no digest of them.`;
  }
  return portfolioKey ? `${portfolioKey} has no projects to digest yet.` : 'There is no portfolio to digest yet: portfolio add sets one up.';
}

/** PMs (by role, or of a project) and PMO admins only: it messages everyone with something overdue. */
export async function runRemindersNow(ctx: RunContext): Promise<Reply> {
  if (!ctx.jobs) return errorReply(`The reminders cannot be sent now: ${NOT_HERE}`);
  const workspace = await loadWorkspace(ctx.workspaceId);
  const isPm = async (): Promise<boolean> =>
    (await getPerson(workspace._id, ctx.actor.userId))?.role === 'pm' || (await listProjects(workspace._id, { pmId: ctx.actor.userId })).length > 0;
  if (!(await isPmoAdmin(workspace, ctx.actor)) && !(await isPm())) {
    throw new PmoError('forbidden', 'Only a PM or a PMO admin can send the overdue reminders now.');
  }
  const outcome = await ctx.jobs.remindersNow(requestOf(ctx));
  if (outcome.planned === 0) return text('Nothing is overdue, so no reminders were sent.');
  const pms = outcome.sentByKind.pm_reminder ?? 0;
  const owners = outcome.sentByKind.owner_reminder ?? 0;
  const split = joinAnd([pms ? `${pms} to ${pms === 1 ? 'a PM' : 'PMs'}` : '', owners ? `${owners} to ${owners === 1 ? 'an owner' : 'owners'}` : ''].filter(Boolean));
  const sent = `Sent ${plural(outcome.sent, 'overdue reminder')}${split ? `: ${split}` : ''}.`;
  const failed = outcome.failed.length ? ` ${outcome.failed.length} could not be delivered: ${reasons(outcome)}.` : '';
  return text(`${sent}${failed}`);
}

/** PMO admins only (SPEC §4: the scorecard is theirs); posted in the asking conversation. */
export async function runScorecardNow(ctx: RunContext): Promise<Reply> {
  const workspace = await loadWorkspace(ctx.workspaceId);
  if (!(await isPmoAdmin(workspace, ctx.actor))) throw new PmoError('forbidden', 'Only a PMO admin can post the PMO scorecard.');
  if (!ctx.jobs) return errorReply(`The scorecard cannot be posted now: ${NOT_HERE}`);
  const outcome = await ctx.jobs.scorecardNow(requestOf(ctx));
  if (outcome.sent === 0) return errorReply(`Could not post the scorecard here: ${reasons(outcome) || 'nothing was planned'}.`);
  return text('Posted the PMO scorecard here.');
}

function requestOf(ctx: RunContext) {
  return { workspaceId: ctx.workspaceId, now: ctx.now, platform: ctx.platform, channelId: ctx.channelId, conversationRefId: ctx.conversationRefId };
}

function reasons(outcome: OnDemandOutcome): string {
  return outcome.failed.map((f) => `${f.to} (${f.reason})`).join('; ');
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
