import type { Activity } from 'botbuilder';

/** Channels that only ever carry the one local workspace (SPEC §2: local mode). */
const LOCAL_CHANNELS: ReadonlySet<string> = new Set(['emulator', 'webchat', 'directline', 'test']);

export const LOCAL_WORKSPACE_KEY = 'local:default';

type ActivityIds = Pick<Partial<Activity>, 'channelId' | 'conversation' | 'channelData'>;

/** The string at `path` inside `value`, if there is a non-empty one. */
function stringAt(value: unknown, ...path: string[]): string | undefined {
  let at = value;
  for (const part of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return typeof at === 'string' && at !== '' ? at : undefined;
}

/**
 * The workspace an activity belongs to: `teams:<tenantId>`, `slack:<teamId>`, `local:default`
 * for the emulator, Web Chat, Direct Line and botbuilder's TestAdapter, else
 * `<channelId>:<conversationId>` so that a channel without tenants shares nothing.
 */
export function workspaceKeyOf(activity: ActivityIds): string {
  const { channelId, conversation, channelData } = activity;
  if (channelId === 'msteams') {
    const tenantId = conversation?.tenantId || stringAt(channelData, 'tenant', 'id');
    if (!tenantId) {
      throw new Error('Teams activity names no tenant (conversation.tenantId, channelData.tenant.id): cannot tell its workspace.');
    }
    return `teams:${encodeURIComponent(tenantId)}`;
  }
  if (channelId === 'slack') {
    const teamId =
      stringAt(channelData, 'team_id') ??
      stringAt(channelData, 'team', 'id') ??
      // Azure Bot Service's Slack channel passes the raw Slack event here.
      stringAt(channelData, 'SlackMessage', 'team_id') ??
      stringAt(conversation, 'properties', 'team', 'id');
    if (!teamId) {
      throw new Error('Slack activity names no team (channelData.team_id, channelData.team.id): cannot tell its workspace.');
    }
    return `slack:${encodeURIComponent(teamId)}`;
  }
  if (!channelId) throw new Error('Activity has no channelId: cannot tell its workspace.');
  if (LOCAL_CHANNELS.has(channelId)) return LOCAL_WORKSPACE_KEY;
  if (!conversation?.id) throw new Error(`${channelId} activity has no conversation id: cannot tell its workspace.`);
  return `${encodeURIComponent(channelId.toLowerCase())}:${encodeURIComponent(conversation.id)}`;
}
