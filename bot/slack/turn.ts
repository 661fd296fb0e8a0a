import type { Activity, ConversationReference } from 'botbuilder';
import type { WorkspaceDoc } from '../../models';
import { listRowsFor, type ListRunContext } from '../../core/runner/list.runner';
import { ensurePerson, saveConversationRef } from '../../core/services';
import type { SlackPerson } from './directory';
import { conversationIdOf, conversationKindOf, type SlackTurn } from './slack-turn';

/**
 * Where the jobs post proactively for this channel: the DM with this person, or the channel
 * itself (not a thread), as a botbuilder reference SlackAdapter.continueConversation reads.
 */
function referenceFor(turn: SlackTurn, botUserId: string | undefined): Partial<ConversationReference> {
  const personal = turn.channelType === 'im';
  const conversationType = personal ? 'personal' : turn.channelType === 'mpim' ? 'groupChat' : 'channel';
  return {
    channelId: 'slack',
    serviceUrl: '',
    conversation: {
      id: conversationIdOf({ channel: turn.channel, userId: personal ? turn.userId : '' }),
      tenantId: turn.teamId,
      conversationType,
      isGroup: !personal,
      name: '',
    },
    bot: { id: botUserId ?? 'pmo-assistant', name: 'PMO Assistant' },
    ...(personal ? { user: { id: turn.userId, name: '' } } : {}),
  };
}

/**
 * Who, where and when for a Slack turn: the person (a workspace admin or owner counts as a PMO
 * admin) and the conversation reference the scheduled jobs post through. A list's More button
 * asks the run for every row up to its page, so that page is there to show.
 */
export async function resolveSlackTurn(
  activity: Partial<Activity>,
  slack: { turn: SlackTurn; workspace: WorkspaceDoc; person: SlackPerson; botUserId?: string },
  now: Date,
): Promise<ListRunContext> {
  const { turn, workspace, person } = slack;
  await ensurePerson(workspace._id, turn.userId, person.displayName);
  const kind = conversationKindOf(turn.channelType);
  const ref = await saveConversationRef(workspace._id, {
    platform: 'slack',
    kind,
    conversationId: turn.channel,
    userId: kind === 'personal' ? turn.userId : null,
    channelId: kind === 'channel' ? turn.channel : null,
    reference: referenceFor(turn, slack.botUserId) as Record<string, unknown>,
    serviceUrl: null,
  });
  return {
    workspaceId: workspace._id,
    actor: { userId: turn.userId, displayName: person.displayName || activity.from?.name, isPlatformAdmin: person.isAdmin },
    now,
    timeZone: workspace.timeZone,
    platform: 'slack',
    channelId: turn.channel,
    conversationRefId: ref._id.toString(),
    ...(turn.page ? { listRows: listRowsFor(turn.page.page, turn.page.pageSize) } : {}),
  };
}
