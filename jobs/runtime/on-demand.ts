// `digest [PORTFOLIO]`, `reminders` and `scorecard` now: the same planners, cards and senders, without the scheduled run's claim.
import type { JobCommands, JobRequest, Notice, OnDemandOutcome } from '../../core/runner/types';
import { loadWorkspace } from '../../core/services/context';
import type { PlannedDelivery, Recipient } from '../types';
import { byConversation, forEachBounded, sendWithRetry } from './attempt';
import type { WorkspaceDoc } from '../../core/services/job-data.service';
import { toStored } from './delivery-store';
import { DELIVERY_CONCURRENCY, type RunDeps } from './run-job';
import { prepareSenders } from './sender';

export function createJobCommands(deps: RunDeps): JobCommands {
  return {
    async digestNow(request) {
      const workspace = await loadWorkspace(request.workspaceId);
      const here = hereOf(request);
      // A portfolio asked for by name gets every project line (the digest's "and 37 more" points here).
      const named = request.portfolioKey ? { portfolioKey: request.portfolioKey, allProjects: true } : {};
      const options = { ...named, ...(request.projectKeys ? { projectKeys: request.projectKeys } : {}), recipient: here };
      const plan = await deps.plan('digest', workspace, request.now, options);
      return deliverNow(deps, workspace, plan.deliveries, deps.concurrency);
    },

    async remindersNow(request: JobRequest) {
      const workspace = await loadWorkspace(request.workspaceId);
      const plan = await deps.plan('reminders', workspace, request.now);
      return deliverNow(deps, workspace, plan.deliveries, deps.concurrency);
    },

    async notify(request: JobRequest, notices: readonly Notice[]) {
      const workspace = await loadWorkspace(request.workspaceId);
      const deliveries = notices.map((notice, n): PlannedDelivery => ({
        key: `notice:${n}:${notice.userId}`,
        recipient: { kind: 'user', platform: workspace.platform, userId: notice.userId, ...(notice.displayName ? { displayName: notice.displayName } : {}) },
        message: { kind: 'notice', view: notice.view },
      }));
      return deliverNow(deps, workspace, deliveries, deps.concurrency);
    },
    async scorecardNow(request: JobRequest) {
      const workspace = await loadWorkspace(request.workspaceId);
      const plan = await deps.plan('scorecard', workspace, request.now, { recipient: hereOf(request) });
      return deliverNow(deps, workspace, plan.deliveries, deps.concurrency);
    },
  };
}

/** The asking conversation, where an on-demand digest or scorecard is posted. */
function hereOf(request: JobRequest): Recipient {
  return { kind: 'channel', platform: request.platform, channelId: request.channelId ?? '', conversationRefId: request.conversationRefId ?? null };
}

async function deliverNow(deps: RunDeps, workspace: WorkspaceDoc, deliveries: PlannedDelivery[], concurrency?: number): Promise<OnDemandOutcome> {
  const outcome: OnDemandOutcome = { planned: deliveries.length, sent: 0, failed: [], sentByKind: {} };
  // The recipients' conversations looked up at once (Teams), not per message.
  const sending = { ...deps, senders: await prepareSenders(deps.senders, workspace, deliveries.map((d) => d.recipient), deps.logger) };
  await forEachBounded(
    byConversation(deliveries),
    concurrency ?? DELIVERY_CONCURRENCY,
    async (group) => {
      // Platform ids of what went out, by key: a thread reply goes under its parent (Slack's digest).
      const sentIds = new Map<string, string>();
      for (const d of group) {
        const parent = 'threadOf' in d.message && d.message.threadOf ? sentIds.get(d.message.threadOf) : undefined;
        const result = await sendWithRetry(sending, workspace, d.recipient, toStored(d.message), parent ? { threadId: parent } : {});
        if (result.ok && result.messageId) sentIds.set(d.key, result.messageId);
        if (!result.ok) {
          outcome.failed.push({ to: recipientName(d.recipient), reason: result.error.message });
          return; // the rest of this conversation (a digest's pages) would make no sense without it
        }
        outcome.sent += 1;
        outcome.sentByKind[d.message.kind] = (outcome.sentByKind[d.message.kind] ?? 0) + 1;
      }
    },
    (err, group) => outcome.failed.push({ to: recipientName(group[0].recipient), reason: err instanceof Error ? err.message : String(err) }),
  );
  deps.logger.info({ workspace: workspace._id.toString(), planned: outcome.planned, sent: outcome.sent, failed: outcome.failed.length }, 'on-demand job sent');
  return outcome;
}

function recipientName(r: Recipient): string {
  return r.kind === 'user' ? (r.displayName ?? r.userId) : r.channelId;
}
