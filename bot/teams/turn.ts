import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import type { ConversationKind, Platform } from '../../core/domain';
import type { RunContext } from '../../core/runner/types';
import { KnownContacts, type RequestRef } from '../../core/services';
import { pendingAllowance } from '../../core/policy';
import type { TeamOwners } from './team-owners';

const INBOUND_REQUEST = Symbol('pmo.inboundRequest');
const TEAM_OWNERS = Symbol('pmo.teamOwners');

/** The claimed activity this turn carries out (the door sets it), so a create run again finds what it saved. */
export function setInboundRequest(context: TurnContext, request: RequestRef): void {
  context.turnState.set(INBOUND_REQUEST, request);
}

/** Where this turn may ask whether the sender owns the team (unset in local mode: no Graph calls). */
export function setTeamOwners(context: TurnContext, owners: TeamOwners | undefined): void {
  if (owners) context.turnState.set(TEAM_OWNERS, owners);
}

/**
 * Teams team owners count as PMO admins (SPEC §2): in a team's channel, the sender is asked about
 * in Graph by their Entra id. Outside a team, or without Graph, today's rules hold.
 */
async function ownsTheTeam(context: TurnContext, tenantId: string): Promise<boolean> {
  const owners = context.turnState.get(TEAM_OWNERS) as TeamOwners | undefined;
  const team = (context.activity.channelData as { team?: { aadGroupId?: unknown } } | undefined)?.team;
  const aadObjectId: unknown = context.activity.from?.aadObjectId;
  if (!owners || typeof team?.aadGroupId !== 'string' || typeof aadObjectId !== 'string') return false;
  return owners.isOwner(tenantId, team.aadGroupId, aadObjectId);
}

/** Teams tenants are workspaces; the emulator, Web Chat and our local chat share one local workspace. */
export function workspaceOf(activity: Partial<Activity>): { platform: Platform; externalId: string; name?: string } {
  if (activity.channelId === 'msteams') {
    const channelData = (activity.channelData ?? {}) as { tenant?: { id?: string }; team?: { name?: string } };
    const tenantId = activity.conversation?.tenantId ?? channelData.tenant?.id;
    if (!tenantId) throw new Error('a Teams activity without a tenant id cannot be placed in a workspace');
    return { platform: 'teams', externalId: tenantId, name: channelData.team?.name };
  }
  return { platform: 'local', externalId: 'default', name: 'Local' };
}

/** personal, group chat or team channel, from the conversation's type. */
export function conversationKind(activity: Partial<Activity>): ConversationKind {
  const type = activity.conversation?.conversationType;
  if (type === 'channel') return 'channel';
  if (type === 'groupChat' || activity.conversation?.isGroup) return 'group';
  return 'personal';
}

/** The channel a command refers to for `link` and the project= default: the Teams channel, else the conversation. */
export function channelIdOf(activity: Partial<Activity>): string {
  const channelData = (activity.channelData ?? {}) as { channel?: { id?: string } };
  return channelData.channel?.id ?? activity.conversation?.id ?? '';
}

/**
 * Who, where and when for this turn: creates the workspace and the person on first contact and
 * refreshes the conversation reference the scheduled jobs post through.
 */
export async function resolveTurn(
  context: TurnContext,
  defaults: { timeZone: string },
  now: Date,
  contacts: KnownContacts = new KnownContacts(),
): Promise<RunContext> {
  const { activity } = context;
  const ws = workspaceOf(activity);
  const workspace = await contacts.workspace(ws.platform, ws.externalId, ws.name, defaults);
  const from = activity.from ?? { id: '', name: '' };
  await contacts.person(workspace._id, from.id, from.name ?? '');
  const ref = await rememberConversation(context, workspace._id.toString(), ws.platform, contacts);
  return {
    workspaceId: workspace._id,
    actor: { userId: from.id, displayName: from.name, isPlatformAdmin: ws.platform === 'local' || (ws.platform === 'teams' && (await ownsTheTeam(context, ws.externalId))) },
    now,
    timeZone: workspace.timeZone,
    changePendingDays: pendingAllowance(workspace),
    platform: ws.platform,
    channelId: channelIdOf(activity),
    conversationRefId: ref,
    ...(context.turnState.get(INBOUND_REQUEST) ? { request: context.turnState.get(INBOUND_REQUEST) as RequestRef } : {}),
  };
}

export async function rememberConversation(
  context: TurnContext,
  workspaceId: string,
  platform: Platform,
  contacts: KnownContacts = new KnownContacts(),
): Promise<string> {
  const { activity } = context;
  // The message it came with is no part of where to post later, and would make every turn's reference differ.
  const { activityId: _activityId, ...reference } = TurnContext.getConversationReference(activity) as ConversationReference;
  const kind = conversationKind(activity);
  return contacts.conversation(workspaceId, {
    platform,
    kind,
    conversationId: activity.conversation?.id ?? '',
    userId: kind === 'personal' ? activity.from?.id : null,
    channelId: kind === 'channel' ? channelIdOf(activity) : null,
    reference: JSON.parse(JSON.stringify(reference)) as Record<string, unknown>,
    serviceUrl: activity.serviceUrl,
  });
}
