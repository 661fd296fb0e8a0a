import type { Types } from 'mongoose';
import { IssueModel, type IssueDoc } from '../../models';
import type { Actor, Priority, RiskRating } from '../domain';
import { releaseClaim, tryClaim } from './claims';
import { PmoError, invalid } from './errors';
import { writeHistory } from './history';
import { parseKeyOrThrow, type IssueItem, type RiskItem } from './item-store';
import { loadForChange, saveFields } from './item-access';
import { insertWithNextKey } from './keys';
import type { WorkspaceId } from './context';

/** A claim older than this with no issue behind it was left by a crash; it may be taken over. */
const STALE_CLAIM_MS = 60_000;

const PRIORITY_FOR_RATING: Record<RiskRating, Priority> = { low: 'low', medium: 'medium', high: 'high', critical: 'critical' };

/**
 * `escalate R-n`: the risk has materialised, so it becomes an issue. The new issue carries
 * `escalatedFrom`, the risk `escalatedTo` and is closed; both histories say so. Owner, project PM
 * or PMO admin only. Escalating twice (even concurrently) is refused: a unique claim per risk.
 */
export async function escalateRisk(
  ws: WorkspaceId,
  actor: Actor,
  riskKey: string,
  now = new Date(),
): Promise<{ risk: RiskItem; issue: IssueItem }> {
  if (parseKeyOrThrow(riskKey).kind !== 'risk') throw invalid('key', `Only risks can be escalated; ${riskKey.trim().toUpperCase()} is not a risk.`);
  const { workspaceId, item } = await loadForChange(ws, actor, riskKey, 'escalate');
  const risk = item as RiskItem;
  if (risk.escalatedTo) throw new PmoError('conflict', `${risk.key} was already escalated to ${risk.escalatedTo}.`);
  if (risk.status === 'closed') throw new PmoError('conflict', `${risk.key} is closed; reopen it (update ${risk.key} status=open) to escalate it.`);
  await claimEscalation(workspaceId, risk, actor, now);

  const issue = (await insertWithNextKey('issue', workspaceId, {
    title: risk.title,
    description: risk.description,
    projectKey: risk.projectKey,
    ownerId: risk.ownerId,
    raisedById: actor.userId,
    due: risk.due ?? null,
    type: 'problem',
    priority: PRIORITY_FOR_RATING[risk.rating],
    escalatedFrom: risk.key,
    createdAt: now,
  })) as IssueItem;
  await writeHistory(workspaceId, issue, actor.userId, now, [
    { action: 'created', to: issue.title },
    { action: 'escalated', field: 'escalatedFrom', from: null, to: risk.key },
  ]);
  const closed = await linkRisk(workspaceId, risk, issue.key, now);
  await writeHistory(workspaceId, risk, actor.userId, now, [
    { action: 'escalated', field: 'escalatedTo', from: null, to: issue.key },
    { action: 'closed', field: 'status', from: risk.status, to: 'closed', note: `Escalated to ${issue.key}` },
  ]);
  return { risk: closed, issue };
}

/** Takes the per-risk escalation claim or explains who got there first. */
async function claimEscalation(workspaceId: Types.ObjectId, risk: RiskItem, actor: Actor, now: Date): Promise<void> {
  const name = `escalate:${risk.key}`;
  for (let attempt = 1; attempt <= 2; attempt++) {
    const claim = await tryClaim(workspaceId, name, actor.userId, now);
    if (claim.won) return;
    const issue = await IssueModel.findOne({ workspaceId, escalatedFrom: risk.key }).lean<IssueDoc>();
    if (issue) {
      // The other escalation got as far as the issue: finish its link if it stopped there.
      if (!risk.escalatedTo) await linkRisk(workspaceId, risk, issue.key, now);
      throw new PmoError('conflict', `${risk.key} was already escalated to ${issue.key}.`);
    }
    if (now.getTime() - claim.at.getTime() < STALE_CLAIM_MS) {
      throw new PmoError('conflict', `${risk.key} is being escalated right now; have a look with show ${risk.key} in a moment.`);
    }
    await releaseClaim(workspaceId, name);
  }
  throw new PmoError('conflict', `${risk.key} is being escalated right now.`);
}

async function linkRisk(workspaceId: Types.ObjectId, risk: RiskItem, issueKey: string, now: Date): Promise<RiskItem> {
  const saved = await saveFields(workspaceId, risk, {
    escalatedTo: issueKey,
    status: 'closed',
    closedAt: now,
    resolution: `Escalated to ${issueKey}`,
  });
  return saved as RiskItem;
}
