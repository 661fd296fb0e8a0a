// Posts job messages (digests, reminders, nudges) proactively through Bot Framework, to the
// conversation references the bot stored when people and channels talked to it.
import type { Activity, CloudAdapter, ConversationReference } from 'botbuilder';
import { Types } from 'mongoose';
import type { Platform } from '../../core/domain';
import { getConversationRef, listConversationRefs } from '../../core/services';
import { DeliveryError } from '../../jobs/runtime/delivery-error';
import type { JobSender, SentMessage } from '../../jobs/runtime/sender';
import type { JobMessage, Recipient } from '../../jobs/types';
import { ConversationRefModel, type ConversationRefDoc, type WorkspaceDoc } from '../../models';
import { renderJobMessageForTeams } from './job-activity';
import type { JobRenderOptions } from '../../cards/jobs';
import { sendProactive } from './proactive';

export interface TeamsJobSenderOptions {
  adapter: CloudAdapter;
  /** MicrosoftAppId; empty in local mode. */
  appId: string;
  /** 'teams', or 'local' for the emulator / local chat workspace (same Bot Framework protocol). */
  platform?: Extract<Platform, 'teams' | 'local'>;
  /** The card for a message; renderJobMessageForTeams unless a test swaps it. */
  render?: (message: JobMessage, options?: JobRenderOptions) => Partial<Activity>;
  /** Signed public links to images (the digest's heat map); without them the card carries it as a data URI. */
  images?: JobRenderOptions;
}

export class TeamsJobSender implements JobSender {
  readonly platform: Platform;

  /** `book`: the references of one pass's recipients, read by prepare(); without it each send looks its own up. */
  constructor(
    private readonly options: TeamsJobSenderOptions,
    private readonly book?: ConversationBook,
  ) {
    this.platform = options.platform ?? 'teams';
  }

  /**
   * This sender with the conversation references of `recipients` read in one query, for a pass of
   * a run: looking them up per message was a scan of conversation_refs per message on FerretDB.
   */
  async prepare(workspace: WorkspaceDoc, recipients: readonly Recipient[]): Promise<TeamsJobSender> {
    return new TeamsJobSender(this.options, await ConversationBook.read(workspace._id, this.platform, recipients));
  }

  async send(workspace: WorkspaceDoc, recipient: Recipient, message: JobMessage): Promise<SentMessage> {
    const stored = await this.conversationOf(workspace, recipient);
    if (stored === null) {
      const why = recipient.kind === 'user' ? 'no conversation with this person yet' : 'the bot has not been added to this channel yet';
      throw new DeliveryError('no_conversation', why);
    }
    const reference = proactiveReference(stored);
    const render = this.options.render ?? renderJobMessageForTeams;
    const sent = await sendProactive(this.options.adapter, this.options.appId, reference, render(message, this.options.images));
    return { messageId: sent.id };
  }

  /** A person's personal chat with the bot, or the channel's stored conversation. */
  private async conversationOf(workspace: WorkspaceDoc, recipient: Recipient): Promise<ConversationRefDoc | null> {
    const known = this.book?.find(workspace._id, recipient);
    if (known !== undefined) return known;
    if (recipient.kind === 'user') {
      const [personal] = await listConversationRefs(workspace._id, { platform: this.platform, kind: 'personal', userId: recipient.userId });
      return personal ?? null;
    }
    if (recipient.conversationRefId) {
      const byId = await getConversationRef(workspace._id, recipient.conversationRefId);
      if (byId) return byId;
    }
    const [channel] = await listConversationRefs(workspace._id, { platform: this.platform, channelId: recipient.channelId });
    return channel ?? null;
  }
}

/**
 * The conversation references of a set of recipients, read in one query, answering as
 * conversationOf's per-message lookups would: a person's first personal conversation on the
 * platform, a channel's reference by id (any platform, this workspace) or else its first
 * conversation on the platform. `find` answers undefined for what it was not read for.
 */
export class ConversationBook {
  private constructor(
    private readonly workspaceId: string,
    private readonly users: ReadonlyMap<string, ConversationRefDoc | null>,
    private readonly channels: ReadonlyMap<string, ConversationRefDoc | null>,
    private readonly byId: ReadonlyMap<string, ConversationRefDoc | null>,
  ) {}

  static async read(workspaceId: Types.ObjectId, platform: Platform, recipients: readonly Recipient[]): Promise<ConversationBook> {
    const userIds = new Set<string>();
    const channelIds = new Set<string>();
    const refIds = new Set<string>();
    for (const r of recipients) {
      if (r.kind === 'user' && r.userId) userIds.add(r.userId);
      if (r.kind === 'channel' && r.channelId) channelIds.add(r.channelId);
      if (r.kind === 'channel' && r.conversationRefId && Types.ObjectId.isValid(r.conversationRefId)) refIds.add(refKey(r.conversationRefId));
    }
    // Each clause served by its index (userId, channelId, _id); platform and kind are checked below.
    const clauses: Record<string, unknown>[] = [];
    if (userIds.size > 0) clauses.push({ userId: { $in: [...userIds] } });
    if (channelIds.size > 0) clauses.push({ channelId: { $in: [...channelIds] } });
    if (refIds.size > 0) clauses.push({ _id: { $in: [...refIds].map((id) => new Types.ObjectId(id)) } });
    const refs = clauses.length === 0 ? [] : await ConversationRefModel.find({ workspaceId, $or: clauses }).lean<ConversationRefDoc[]>();
    // Oldest reference first, whichever index found it.
    refs.sort((a, b) => String(a._id).localeCompare(String(b._id)));
    const users = new Map<string, ConversationRefDoc | null>([...userIds].map((id) => [id, null]));
    const channels = new Map<string, ConversationRefDoc | null>([...channelIds].map((id) => [id, null]));
    const byId = new Map<string, ConversationRefDoc | null>([...refIds].map((id) => [id, null]));
    for (const ref of refs) {
      const id = String(ref._id);
      if (byId.has(id)) byId.set(id, ref);
      if (ref.platform !== platform) continue;
      if (ref.kind === 'personal' && ref.userId && users.get(ref.userId) === null) users.set(ref.userId, ref);
      if (ref.channelId && channels.get(ref.channelId) === null) channels.set(ref.channelId, ref);
    }
    return new ConversationBook(String(workspaceId), users, channels, byId);
  }

  /** The recipient's reference; null when it has none; undefined when this book cannot tell. */
  find(workspaceId: Types.ObjectId, recipient: Recipient): ConversationRefDoc | null | undefined {
    if (String(workspaceId) !== this.workspaceId) return undefined;
    if (recipient.kind === 'user') return recipient.userId ? this.users.get(recipient.userId) : undefined;
    if (recipient.conversationRefId && Types.ObjectId.isValid(recipient.conversationRefId)) {
      const byId = this.byId.get(refKey(recipient.conversationRefId));
      if (byId === undefined) return undefined;
      if (byId !== null) return byId;
    }
    return recipient.channelId ? this.channels.get(recipient.channelId) : undefined;
  }
}

/** A reference id as ObjectId hex (a 12-character string is an id too, as getConversationRef reads it). */
function refKey(id: string): string {
  return new Types.ObjectId(id).toHexString();
}

/**
 * A new message rather than a reply: without the activity id it was stored with, and in a team
 * channel without the `;messageid=` of the thread it was typed in (a digest opens its own post).
 */
function proactiveReference(stored: ConversationRefDoc): Partial<ConversationReference> {
  const reference = { ...(stored.reference as Partial<ConversationReference>) };
  delete reference.activityId;
  if (stored.kind !== 'channel' || !reference.conversation) return reference;
  return { ...reference, conversation: { ...reference.conversation, id: reference.conversation.id.split(';messageid=')[0] } };
}
