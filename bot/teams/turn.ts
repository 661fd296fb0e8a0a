import { TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import type { ConversationKind, Platform } from '../../core/domain';
import type { RunContext } from '../../core/runner/types';
import { KnownContacts, type RequestRef } from '../../core/services';
import { DEFAULT_CHANGE_PENDING_DAYS } from '../../models';

const INBOUND_REQUEST = Symbol('pmo.inboundRequest');

/** The claimed activity this turn carries out (the door sets it), so a create run again finds what it saved. */
export function setInboundRequest(context: TurnContext, request: RequestRef): void {
  context.turnState.set(INBOUND_REQUEST, request);
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
    actor: { userId: from.id, displayName: from.name, isPlatformAdmin: ws.platform === 'local' },
    now,
    timeZone: workspace.timeZone,
    changePendingDays: workspace.changePendingDays ?? DEFAULT_CHANGE_PENDING_DAYS,
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
