// Posts job messages (digests, reminders, nudges) to Slack: chat.postMessage to the exec or project
// channel, or to a person's DM with the bot, with the workspace's own bot token.
import { WebClient, type ChatPostMessageResponse, type WebAPICallResult } from '@slack/web-api';
import type { Logger } from 'pino';
import { renderJobMessageForSlack, type JobRenderOptions } from '../../cards/jobs';
import type { Platform } from '../../core/domain';
import { DeliveryError } from '../../jobs/runtime/delivery-error';
import type { JobSender, SendOptions, SentMessage } from '../../jobs/runtime/sender';
import type { JobMessage, Recipient } from '../../jobs/types';
import type { WorkspaceDoc } from '../../models';
import { webClientOptions } from './api';
import { slackErrorOf } from './delivery';
import type { TokenSource } from './tokens';

export interface SlackJobSenderOptions {
  /** The bot token of each team: SLACK_BOT_TOKEN, or the team's OAuth installation. */
  tokens: TokenSource;
  /** SLACK_API_URL; Slack's own when unset. */
  apiUrl?: string;
  logger: Logger;
  /** Text and blocks for a message; renderJobMessageForSlack unless a test swaps it. */
  render?: (message: JobMessage, options?: JobRenderOptions) => { text: string; blocks: Record<string, unknown>[] };
  /** Signed public links to images (the digest's heat map); without them Slack shows none. */
  images?: JobRenderOptions;
}

/** Slack's answers that mean there is nowhere to post (yet), said so the delivery record helps whoever reads it. */
const NOWHERE: Record<string, (recipient: Recipient) => string> = {
  not_in_channel: () => 'the bot is not in this channel yet: /invite @PMO Assistant there',
  channel_not_found: (r) => (r.kind === 'user' ? 'Slack knows no DM with this person' : 'the channel is gone, or private without the bot in it'),
  user_not_found: () => 'this person is no longer in the Slack workspace',
  user_disabled: () => 'this person’s Slack account is deactivated',
};

/**
 * The Slack JobSender. One attempt per send: its WebClient neither retries nor waits out a 429
 * (the job runtime does, within its limits), so the client's own errors reach toDeliveryError.
 * A person is reached by posting to their user id, which Slack delivers to their DM with the bot
 * (the app's Messages tab) with chat:write alone.
 */
export class SlackJobSender implements JobSender {
  readonly platform: Platform = 'slack';
  private readonly clients = new Map<string, WebClient>();

  constructor(private readonly options: SlackJobSenderOptions) {}

  async send(workspace: WorkspaceDoc, recipient: Recipient, message: JobMessage, options: SendOptions = {}): Promise<SentMessage> {
    const auth = await this.options.tokens.authFor({ teamId: workspace.externalId }).catch((err: Error & { code?: string }) => {
      if (err.code !== 'slack_no_installation') throw err;
      throw new DeliveryError('rejected', `PMO Assistant is not installed in Slack team ${workspace.externalId} any more`, { original: err });
    });
    if (auth.teamId && auth.teamId !== workspace.externalId) {
      throw new DeliveryError('rejected', `the Slack token this bot has belongs to team ${auth.teamId}, not ${workspace.externalId}`);
    }
    const render = this.options.render ?? renderJobMessageForSlack;
    const { text, blocks } = render(message, this.options.images);
    const channel = recipient.kind === 'user' ? recipient.userId : recipient.channelId;
    if (!channel) throw new DeliveryError('no_conversation', 'no Slack channel to post in');
    try {
      const thread = options.threadId ? { thread_ts: options.threadId } : {};
      const posted = await this.call<ChatPostMessageResponse>(auth.botToken, 'chat.postMessage', { channel, text, blocks, ...thread });
      return { messageId: posted.ts };
    } catch (err) {
      const why = NOWHERE[slackErrorOf(err) ?? ''];
      if (why) throw new DeliveryError('no_conversation', why(recipient), { original: err });
      throw err;
    }
  }

  private call<T extends WebAPICallResult>(token: string, method: string, args: Record<string, unknown>): Promise<T> {
    return this.clientFor(token).apiCall(method, args) as Promise<T>;
  }

  private clientFor(token: string): WebClient {
    let client = this.clients.get(token);
    if (!client) {
      const base = webClientOptions({ apiUrl: this.options.apiUrl, logger: this.options.logger.child({ component: 'slack-job-sender' }) });
      client = new WebClient(token, { ...base, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
      this.clients.set(token, client);
    }
    return client;
  }
}
