import { ConversationState, type BotState, type StoreItem, type TurnContext } from 'botbuilder';
import { cacheKeyOf, loadWithHash, markNew, saveKeepingETag, type StateParts } from './optimistic-save';
import { joinStorageKey } from './storage-key';
import { workspaceKeyOf } from './workspace-key';

function partsOf(state: BotState, storage: StateParts['storage'], storageKey: StateParts['storageKey']): StateParts {
  return { storage, storageKey, cacheKey: cacheKeyOf(state) };
}

/** Keeps the eTag across BotState.clear, which replaces the cached state with a bare `{}`. */
async function clearKeepingETag(state: BotState, context: TurnContext, clear: () => Promise<void>): Promise<void> {
  const eTag = (state.get(context) as StoreItem | undefined)?.eTag;
  await clear();
  if (eTag !== undefined) (state.get(context) as StoreItem).eTag = eTag;
}

/** Teams group chats and channels: many people talk to the bot in one conversation (and thread). */
const isShared = (activity: TurnContext['activity']): boolean =>
  activity.channelId === 'msteams' && ['channel', 'groupChat'].includes(activity.conversation?.conversationType ?? '');

/**
 * ConversationState stored under its workspace (`teams:<tenantId>/msteams/conversations/<id>/`)
 * and saved with the eTag it was read with: a concurrent turn's write fails instead of winning.
 * In a Teams channel or group chat each person has their own (`…/<id>/users/<user id>`), so one
 * person's waiting form never takes another's message as its answer. (Slack's conversation ids
 * already name the person.)
 */
export class WorkspaceConversationState extends ConversationState {
  override getStorageKey(context: TurnContext): string | undefined {
    const key = super.getStorageKey(context);
    const user = context.activity.from?.id;
    const own = key && isShared(context.activity) && typeof user === 'string' && user !== '' ? `${key}users/${encodeURIComponent(user)}` : key;
    return own && joinStorageKey(workspaceKeyOf(context.activity), own);
  }

  override async load(context: TurnContext, force = false): Promise<StoreItem> {
    return markNew(await loadWithHash(context, force, partsOf(this, this.storage, this.storageKey)));
  }

  override saveChanges(context: TurnContext, force = false): Promise<void> {
    return saveKeepingETag(context, force, partsOf(this, this.storage, this.storageKey));
  }

  override clear(context: TurnContext): Promise<void> {
    return clearKeepingETag(this, context, () => super.clear(context));
  }
}
