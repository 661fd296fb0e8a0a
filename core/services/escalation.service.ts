import type { Types } from 'mongoose';
import type { Actor, Priority, RiskRating } from '../domain';
import { aKind, isDone, registerOf } from '../registers';
import { releaseClaim, tryClaim } from './claims';
import { PmoError, invalid } from './errors';
import { writeHistory } from './history';
import { asItem, itemModel, parseKeyOrThrow, type ChangeItem, type IssueItem, type RegisterItem, type RiskItem } from './item-store';
import { loadForChange, saveFields } from './item-access';
import { insertWithNextKey } from './keys';
import type { WorkspaceId } from './context';

/** A claim older than this with no item behind it was left by a crash; it may be taken over. */
const STALE_CLAIM_MS = 60_000;

const PRIORITY_FOR_RATING: Record<RiskRating, Priority> = { low: 'low', medium: 'medium', high: 'high', critical: 'critical' };

/** `escalate KEY`: a risk becomes an issue, an issue raises a change request. `from` is the item escalated, `to` the new one. */
export async function escalateItem(ws: WorkspaceId, actor: Actor, key: string, now = new Date()): Promise<{ from: RegisterItem; to: RegisterItem }> {
  const { kind } = parseKeyOrThrow(key);
  if (kind === 'risk') {
    const { risk, issue } = await escalateRisk(ws, actor, key, now);
    return { from: risk, to: issue };
  }
  if (kind === 'issue') {
    const { issue, change } = await escalateIssue(ws, actor, key, now);
    return { from: issue, to: change };
  }
  throw invalid('key', `Only risks and issues can be escalated; ${key.trim().toUpperCase()} is ${aKind(kind)}.`);
}

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
  await claimEscalation(workspaceId, risk, actor, now, (issueKey) => linkRisk(workspaceId, risk, issueKey, now));

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
    { action: 'escalated', field: 'escalatedFrom', from: null, to: risk.key },
  ]);
  const closed = await linkRisk(workspaceId, risk, issue.key, now);
  await writeHistory(workspaceId, risk, actor.userId, now, [
    { action: 'escalated', field: 'escalatedTo', from: null, to: issue.key },
    { action: 'closed', field: 'status', from: risk.status, to: 'closed', note: `Escalated to ${issue.key}` },
  ]);
  return { risk: closed as RiskItem, issue };
}

/**
 * `escalate I-n`: the issue needs a change, so it raises a change request (pending a decision)
 * with the issue's title, project and owner, raised by the actor. The change carries
 * `escalatedFrom`, the issue `escalatedTo`; both histories say so. The issue stays as it is: it is
 * resolved when the change is carried out. Owner, project PM or PMO admin; once per issue.
 */
export async function escalateIssue(
  ws: WorkspaceId,
  actor: Actor,
  issueKey: string,
  now = new Date(),
): Promise<{ issue: IssueItem; change: ChangeItem }> {
  if (parseKeyOrThrow(issueKey).kind !== 'issue') throw invalid('key', `Only issues raise change requests; ${issueKey.trim().toUpperCase()} is not an issue.`);
  const { workspaceId, item } = await loadForChange(ws, actor, issueKey, 'escalate');
  const issue = item as IssueItem;
  await claimEscalation(workspaceId, issue, actor, now, (changeKey) => saveFields(workspaceId, issue, { escalatedTo: changeKey }));

  const description = issue.description ? `Raised from ${issue.key}: ${issue.description}` : `Raised from ${issue.key}.`;
  const change = (await insertWithNextKey('change', workspaceId, {
    title: issue.title,
    description,
    projectKey: issue.projectKey,
    ownerId: issue.ownerId,
    raisedById: actor.userId,
    decision: 'pending',
    escalatedFrom: issue.key,
    createdAt: now,
  })) as ChangeItem;
  await writeHistory(workspaceId, change, actor.userId, now, [
    { action: 'escalated', field: 'raisedFrom', from: null, to: issue.key },
  ]);
  const linked = await saveFields(workspaceId, issue, { escalatedTo: change.key });
  await writeHistory(workspaceId, issue, actor.userId, now, [{ action: 'escalated', field: 'escalatedTo', from: null, to: change.key }]);
  return { issue: linked as IssueItem, change };
}

type Escalating = RiskItem | IssueItem;

/**
 * Refuses an item already escalated or finished, then takes the per-item escalation claim or
 * explains who got there first; `link` finishes the link of an escalation that stopped after
 * creating its new item.
 */
async function claimEscalation(
  workspaceId: Types.ObjectId,
  item: Escalating,
  actor: Actor,
  now: Date,
  link: (newKey: string) => Promise<unknown>,
): Promise<void> {
  if (item.escalatedTo) throw new PmoError('conflict', `${item.key} was already escalated to ${item.escalatedTo}.`);
  if (isDone(item.kind, item.status)) {
    throw new PmoError('conflict', `${item.key} is ${item.status}; reopen it (update ${item.key} status=open) to escalate it.`);
  }
  const name = `escalate:${item.key}`;
  const into = registerOf(item.kind).escalatesTo ?? 'issue';
  for (let attempt = 1; attempt <= 2; attempt++) {
    const claim = await tryClaim(workspaceId, name, actor.userId, now);
    if (claim.won) return;
    const made = await itemModel(into).findOne({ workspaceId, escalatedFrom: item.key }).lean<object>();
    if (made) {
      // The other escalation got as far as the new item: finish its link if it stopped there.
      const { key } = asItem(into, made);
      if (!item.escalatedTo) await link(key);
      throw new PmoError('conflict', `${item.key} was already escalated to ${key}.`);
    }
    if (now.getTime() - claim.at.getTime() < STALE_CLAIM_MS) {
      throw new PmoError('conflict', `${item.key} is being escalated right now; have a look with show ${item.key} in a moment.`);
    }
    await releaseClaim(workspaceId, name);
  }
  throw new PmoError('conflict', `${item.key} is being escalated right now.`);
}

async function linkRisk(workspaceId: Types.ObjectId, risk: RiskItem, issueKey: string, now: Date): Promise<RegisterItem> {
  return saveFields(workspaceId, risk, {
    escalatedTo: issueKey,
    status: 'closed',
    closedAt: now,
    resolution: `Escalated to ${issueKey}`,
  });
}
