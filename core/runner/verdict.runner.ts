// `approve C-n` / `reject C-n`, and the notices around a change request: to its deciders when it is
// raised (with Approve/Reject), to whoever raised it when it is decided (SPEC §3, §4).
import type { VerdictCommand } from '../commands';
import type { NoticeView } from '../job-views';
import { changeDeciders, decideChange, getProject, todayIn, type ChangeItem, type RegisterItem } from '../services';
import { loadWorkspace } from '../services/context';
import { itemPeople, namesFor, overdueCheck } from './lookups';
import type { Notice, Reply, RunContext } from './types';
import { viewerActions } from './item-actions';
import { toItemView } from './views';

const VERDICT = { approve: 'approved', reject: 'rejected' } as const;

/** What the change is about, in the notices: its headline, project, and the impacts when known. */
function changeLines(change: ChangeItem): string[] {
  const impacts = [
    change.impact ? change.impact : '',
    change.impactTime ? `time: ${change.impactTime}` : '',
    change.impactCost ? `cost: ${change.impactCost}` : '',
    change.impactScope ? `scope: ${change.impactScope}` : '',
  ].filter(Boolean);
  return [`${change.key} ${change.title} (${change.projectKey})`, ...(impacts.length ? [`Impact — ${impacts.join('; ')}`] : [])];
}

/** Sends the notices through the job runtime; returns those that could not be delivered, and why (none: all were). */
async function send(ctx: RunContext, notices: Notice[]): Promise<{ to: string; reason: string }[] | string | undefined> {
  if (notices.length === 0) return undefined;
  if (!ctx.jobs?.notify) return 'this bot instance does not send messages to people';
  const request = { workspaceId: ctx.workspaceId, now: ctx.now, platform: ctx.platform, channelId: ctx.channelId, conversationRefId: ctx.conversationRefId };
  const outcome = await ctx.jobs.notify(request, notices);
  return outcome.failed.length ? outcome.failed : undefined;
}

export async function runVerdict(command: VerdictCommand, ctx: RunContext): Promise<Reply> {
  const verdict = VERDICT[command.name];
  const { item } = await decideChange(ctx.workspaceId, ctx.actor, command.key, verdict, command, ctx.now);
  const requester = item.raisedById;
  const [names, overdue, actions] = await Promise.all([namesFor(ctx, [...itemPeople(item), requester, ctx.actor.userId]), overdueCheck(ctx), viewerActions(ctx, [item])]);
  const by = names.get(ctx.actor.userId) ?? ctx.actor.userId;
  let told: string | undefined;
  if (requester && requester !== ctx.actor.userId) {
    const view: NoticeView = {
      title: `${item.key} was ${verdict}`,
      lines: [
        ...changeLines(item),
        `${verdict === 'approved' ? 'Approved' : 'Rejected'} by ${by} on ${todayIn(ctx.timeZone, ctx.now)}.`,
        ...(command.comment ? [`Comment: ${command.comment}`] : []),
      ],
    };
    const failed = await send(ctx, [{ userId: requester, ...(names.has(requester) ? { displayName: names.get(requester) } : {}), view }]);
    const name = names.get(requester) ?? requester;
    const why = typeof failed === 'string' ? failed : failed?.map((f) => f.reason).join('; ');
    told = why ? `${name} (who raised it) could not be told: ${why}.` : `${name} (who raised it) was told.`;
  }
  const view = { ...toItemView(item, names, overdue(item), ctx.timeZone), actions: actions(item) };
  return { type: 'saved', view: { outcome: verdict, item: view, ...(told ? { told } : {}) } };
}

/**
 * A change request just raised (logged, or escalated from an issue): a notice with its card's gist and
 * Approve/Reject to each who may decide it under the policy, except whoever raised it. Returns a
 * line for the reply ("Sent to Ana and Bo to decide.") or nothing when nobody else decides.
 */
export async function noticeDeciders(ctx: RunContext, item: RegisterItem): Promise<string | undefined> {
  if (item.kind !== 'change' || item.decision !== 'pending') return undefined;
  const workspace = await loadWorkspace(ctx.workspaceId);
  const project = await getProject(workspace._id, item.projectKey);
  const deciders = await changeDeciders(workspace, project?.pmId, ctx.actor.userId);
  if (deciders.length === 0) return undefined;
  const names = await namesFor(ctx, [...deciders, ctx.actor.userId]);
  const by = names.get(ctx.actor.userId) ?? ctx.actor.userId;
  const view: NoticeView = {
    title: `${item.key} needs your decision`,
    lines: [...changeLines(item), ...(item.description ? [item.description] : []), `Raised by ${by}. Approve or reject it here, or type approve ${item.key} / reject ${item.key} with a comment.`],
    decide: { key: item.key },
  };
  const failed = await send(ctx, deciders.map((userId) => ({ userId, ...(names.has(userId) ? { displayName: names.get(userId) } : {}), view })));
  const who = deciders.map((id) => names.get(id) ?? id);
  if (typeof failed === 'string') return `Could not tell those who decide it: ${failed}.`;
  if (!failed) return `Sent to ${who.join(', ')} to decide.`;
  const missed = new Set(failed.map((f) => f.to));
  const reached = who.filter((name) => !missed.has(name));
  const notReached = `could not tell ${failed.map((f) => `${f.to} (${f.reason})`).join('; ')}`;
  return reached.length ? `Sent to ${reached.join(', ')} to decide; ${notReached}.` : `${notReached[0].toUpperCase()}${notReached.slice(1)} to decide it.`;
}
