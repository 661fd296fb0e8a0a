// What an activity must be to get in, and how each one gets in once: checked, claimed, one turn per conversation at a time.
import type { Activity, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { InProcessQueue } from '../../core/services/in-process-queue';
import type { Inbox } from '../inbox/inbox';
import { isLoopbackHost } from '../local/guard';
import { StorageError } from '../state';
import { setInboundRequest } from './turn';

/** `msteams`: with MicrosoftAppId, only authenticated Teams traffic; `local`: the emulator and tests on this machine. */
export type DoorMode = 'msteams' | 'local';

/** Ids as Teams makes them (`29:1a…`, `a:1…`, `19:…@thread.tacv2;messageid=…`, GUIDs): bounded, printable. */
const ID = /^[\x21-\x7e]{1,512}$/;

const isId = (v: unknown): v is string => typeof v === 'string' && ID.test(v);
const isOptionalString = (v: unknown): boolean => v === undefined || v === null || typeof v === 'string';

/** A Bot Connector URL the bot may post replies to without a token vouching for it: this machine only. */
export function isLoopbackServiceUrl(url: unknown): boolean {
  if (typeof url !== 'string') return false;
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') && isLoopbackHost(u.hostname) && !u.username && !u.password;
  } catch {
    return false;
  }
}

/** The Teams tenant an activity names, when both places that may carry it agree on one string. */
function tenantOf(activity: Partial<Activity>): string | null {
  const fromConversation: unknown = activity.conversation?.tenantId;
  const fromChannelData: unknown = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  const named = [fromConversation, fromChannelData].filter((t) => t !== undefined && t !== null);
  if (named.length === 0 || !named.every(isId)) return null;
  return new Set(named).size === 1 ? (named[0] as string) : null;
}

/**
 * Why an activity may not come in through this door (null: it may). Every value the bot reads is
 * of the type it expects, so an object never becomes a tenant, a person or a query.
 */
export function refusalOf(activity: Partial<Activity>, mode: DoorMode): string | null {
  if (typeof activity.type !== 'string' || activity.type === '') return 'no activity type';
  if (mode === 'msteams' && activity.channelId !== 'msteams') return `channel ${String(activity.channelId)} is not Teams`;
  if (typeof activity.channelId !== 'string') return 'no channel id';
  if (mode === 'local' && !isLoopbackServiceUrl(activity.serviceUrl)) return 'a serviceUrl off this machine in local mode';
  if (!isId(activity.conversation?.id)) return 'no usable conversation id';
  if (!isId(activity.from?.id) || !isOptionalString(activity.from?.name)) return 'no usable sender';
  if (!isOptionalString(activity.id) || !isOptionalString(activity.text)) return 'an id or text that is not a string';
  if (activity.channelId === 'msteams' && tenantOf(activity) === null) return 'no single tenant id';
  const channelData = (activity.channelData ?? {}) as { channel?: { id?: unknown }; team?: { id?: unknown; name?: unknown } };
  const strings: unknown[] = [
    activity.conversation.conversationType, activity.conversation.name, activity.from.aadObjectId,
    channelData.channel?.id, channelData.team?.id, channelData.team?.name,
  ];
  if (!strings.every(isOptionalString)) return 'a conversation, channel or team field that is not a string';
  if (activity.entities !== undefined && !(Array.isArray(activity.entities) && activity.entities.every((e) => typeof e === 'object' && e !== null))) {
    return 'entities that are not a list of objects';
  }
  return null;
}

/** The activities whose turn reads the conversation state (messages and card presses); others need no preload. */
const READS_STATE = new Set(['message', 'invoke']);

export interface DoorDeps {
  mode: DoorMode;
  inbox: Inbox;
  logger: Logger;
  /**
   * Reads what the turn will read first (its conversation state) while the claim is written: the
   * two round trips overlap instead of following each other. What it reads is dropped with the
   * turn when the claim fails; when it fails, the turn reads again and meets the error itself.
   */
  preload?: (context: TurnContext) => Promise<unknown>;
}

/**
 * The turn logic behind POST /api/messages: refuses what the door does not take, claims each
 * activity once per (conversation, activity id) so a redelivery or a replay is not done twice, and
 * runs one conversation's turns one at a time (their dialog state is one document, written with
 * its eTag). The HTTP response waits for the turn, so the channel knows whether it was done.
 */
export function doorLogic(run: (context: TurnContext) => Promise<void>, deps: DoorDeps): (context: TurnContext) => Promise<void> {
  const conversations = new InProcessQueue();
  return async (context) => {
    const { activity } = context;
    const refusal = refusalOf(activity, deps.mode);
    if (refusal) {
      deps.logger.warn({ reason: refusal, channel: String(activity.channelId) }, 'Teams door refused an activity');
      return;
    }
    const conversationId = activity.conversation.id;
    await conversations.run(conversationId, async () => {
      const team = activity.channelId === 'msteams' ? tenantOf(activity)! : 'default';
      const key = activity.id ? `${activity.channelId}:${team}:${conversationId}:${activity.id}` : null;
      const claim = key ? deps.inbox.claim(key, activity.channelId === 'msteams' ? 'teams' : 'local', team) : Promise.resolve(true);
      const preload = deps.preload && READS_STATE.has(activity.type) ? deps.preload(context).catch(() => undefined) : undefined;
      const [claimed] = await Promise.all([claim, preload]);
      if (!claimed) {
        deps.logger.info({ request: key }, 'Teams activity already taken (a redelivery or a replay); skipped');
        // An invoke must still be answered, or the channel reports a failure for what is being done.
        if (activity.type === 'invoke') await context.sendActivity({ type: 'invokeResponse', value: { status: 200 } });
        return;
      }
      if (key) setInboundRequest(context, { key, retry: false });
      try {
        await run(context);
      } catch (err) {
        if (!(err instanceof StorageError && err.code === 'etag_conflict')) {
          // The channel is told the turn failed and may deliver it again: let that delivery in.
          if (key) await deps.inbox.release(key);
          throw err;
        }
        // Another instance answered a message of this conversation at the same moment: this turn's
        // replies stand (what it saved is saved); only its place in a form could not be kept.
        deps.logger.warn({ conversation: conversationId }, 'conversation state changed under this turn; its dialog step was not kept');
        if (!context.responded) await context.sendActivity('Another message in this conversation was handled at the same moment, so this one was not taken. Please send it again.');
      }
    });
  };
}
