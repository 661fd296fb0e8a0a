import { Types } from 'mongoose';
import { ConversationRefModel, type ConversationRef, type ConversationRefDoc } from '../../models';
import { CONVERSATION_KINDS, PLATFORMS, type ConversationKind, type Platform } from '../domain';
import { toWorkspaceId, type WorkspaceId } from './context';
import { invalid, isDuplicateKeyError } from './errors';

/** A conversation reference as the adapters hand it in: the model's fields less the workspace. */
export type ConversationRefInput = Omit<ConversationRef, 'workspaceId'>;

export interface ConversationRefFilter {
  platform?: Platform;
  kind?: ConversationKind;
  userId?: string;
  channelId?: string;
}

/** Remembers (or refreshes) where the bot can post proactively; one per conversation. */
export async function saveConversationRef(ws: WorkspaceId, ref: ConversationRefInput): Promise<ConversationRefDoc> {
  const workspaceId = toWorkspaceId(ws);
  if (!PLATFORMS.includes(ref.platform)) throw invalid('platform', `Unknown platform "${ref.platform}".`);
  if (!CONVERSATION_KINDS.includes(ref.kind)) throw invalid('kind', `kind must be one of ${CONVERSATION_KINDS.join(', ')}.`);
  if (!ref.conversationId) throw invalid('conversationId', 'A conversation reference needs its conversation id.');
  const set = {
    kind: ref.kind,
    userId: ref.userId ?? null,
    channelId: ref.channelId ?? null,
    reference: ref.reference,
    serviceUrl: ref.serviceUrl ?? null,
  };
  const key = { workspaceId, platform: ref.platform, conversationId: ref.conversationId };
  for (let attempt = 1; ; attempt++) {
    try {
      const doc = await ConversationRefModel.findOneAndUpdate(key, { $set: set }, { upsert: true, new: true }).lean<ConversationRefDoc>();
      if (!doc) throw new Error(`conversation ref upsert for ${ref.conversationId} returned nothing`);
      return doc;
    } catch (err) {
      if (!isDuplicateKeyError(err) || attempt >= 3) throw err;
    }
  }
}

export async function listConversationRefs(ws: WorkspaceId, filter: ConversationRefFilter = {}): Promise<ConversationRefDoc[]> {
  const query: Record<string, unknown> = { workspaceId: toWorkspaceId(ws) };
  for (const field of ['platform', 'kind', 'userId', 'channelId'] as const) {
    if (filter[field]) query[field] = filter[field];
  }
  return ConversationRefModel.find(query).sort({ _id: 1 }).lean<ConversationRefDoc[]>();
}

/** One reference by id (a portfolio's exec channel points at one), in this workspace only. */
export async function getConversationRef(ws: WorkspaceId, id: Types.ObjectId | string): Promise<ConversationRefDoc | null> {
  if (!Types.ObjectId.isValid(id)) return null;
  return ConversationRefModel.findOne({ workspaceId: toWorkspaceId(ws), _id: id }).lean<ConversationRefDoc>();
}
