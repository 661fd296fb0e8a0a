import {
  BotAdapter, TurnContext, type Activity, type ConversationReference, type ResourceResponse,
} from 'botbuilder';
import type { Logger } from 'pino';
import type { WorkspaceDoc } from '../../models';
import type { InboundMeta } from '../inbox/inbox';
import type { SlackApi } from './api';
import { TurnDelivery, slackErrorOf } from './delivery';
import { slackReplyOf } from './presenter';
import { placeOfConversationId, type SlackTurn } from './slack-turn';

const SLACK_TURN_STATE = Symbol('pmo.slackTurn');

/** What a Slack turn carries besides its activity: the Slack facts and the team's Web API. */
export interface SlackTurnState {
  turn: SlackTurn;
  api: SlackApi;
  botUserId?: string;
  /** Resolved before the turn ran; proactive turns have none. */
  workspace?: WorkspaceDoc;
  /** The acknowledged request this turn carries out; proactive turns have none. */
  request?: InboundMeta;
}

interface HeldState extends SlackTurnState {
  delivery: TurnDelivery;
}

export function slackTurnStateOf(context: TurnContext): SlackTurnState {
  const state = context.turnState.get(SLACK_TURN_STATE) as HeldState | undefined;
  if (!state) throw new Error('not a Slack turn: SlackAdapter.processSlackTurn sets its state');
  return state;
}

export interface SlackAdapterDeps {
  logger: Logger;
  /** The Web API for a team, for proactive messages (continueConversation). */
  apiForTeam?: (teamId: string) => Promise<SlackApi>;
}

/**
 * The one conversation engine, reached from Slack: a bolt request becomes a botbuilder activity,
 * the shared dialogs run on it, and what they send is rendered for Slack by TurnDelivery.
 */
export class SlackAdapter extends BotAdapter {
  constructor(private readonly deps: SlackAdapterDeps) {
    super();
  }

  async processSlackTurn(activity: Partial<Activity>, state: SlackTurnState, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const context = new TurnContext(this, activity);
    const delivery = new TurnDelivery(state.turn, state.api, this.deps.logger, activity.text);
    const held: HeldState = { ...state, delivery };
    context.turnState.set(SLACK_TURN_STATE, held);
    await this.runMiddleware(context, logic);
    await delivery.finish();
  }

  override async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const { delivery } = context.turnState.get(SLACK_TURN_STATE) as HeldState;
    const responses: ResourceResponse[] = [];
    for (const activity of activities) {
      if (activity.type === 'delay') {
        await new Promise((resolve) => setTimeout(resolve, typeof activity.value === 'number' ? activity.value : 1000));
        responses.push({ id: '' });
      } else if (activity.type === 'message') {
        responses.push(await delivery.send(slackReplyOf(activity)));
      } else {
        responses.push({ id: '' }); // typing and other signals have no Slack counterpart worth a call
      }
    }
    return responses;
  }

  /** Replaces a message the bot posted (its id is the message ts). */
  override async updateActivity(context: TurnContext, activity: Partial<Activity>): Promise<void> {
    const { api, turn } = slackTurnStateOf(context);
    const reply = slackReplyOf(activity);
    await api.call('chat.update', { channel: turn.channel, ts: activity.id, text: reply.message.text, blocks: reply.message.blocks });
  }

  override async deleteActivity(context: TurnContext, reference: Partial<ConversationReference>): Promise<void> {
    const { api, turn } = slackTurnStateOf(context);
    await api.call('chat.delete', { channel: turn.channel, ts: reference.activityId }).catch((err: unknown) => {
      if (slackErrorOf(err) !== 'message_not_found') throw err;
    });
  }

  /**
   * A proactive turn (a reminder, a digest) in a stored conversation: its id is `channel:thread:user`
   * and its tenantId the Slack team, so replies go to that channel or thread.
   */
  override async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const teamId = reference.conversation?.tenantId;
    if (!teamId || !this.deps.apiForTeam) throw new Error('a Slack conversation reference needs its team (conversation.tenantId)');
    const place = placeOfConversationId(reference.conversation?.id ?? '');
    const activity = TurnContext.applyConversationReference({ type: 'event', name: 'continueConversation' }, reference, true);
    activity.channelData = { team_id: teamId };
    const turn: SlackTurn = {
      source: 'proactive',
      teamId,
      userId: place.userId,
      channel: place.channel,
      channelType: place.channel.startsWith('D') ? 'im' : 'channel',
      ...(place.threadTs ? { threadTs: place.threadTs } : {}),
    };
    await this.processSlackTurn(activity, { turn, api: await this.deps.apiForTeam(teamId) }, logic);
  }
}
