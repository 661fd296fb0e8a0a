import { ConversationState, UserState, type BotState, type StoreItem, type TurnContext } from 'botbuilder';
import { cacheKeyOf, markNew, saveKeepingETag, type StateParts } from './optimistic-save';
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

/**
 * ConversationState stored under its workspace (`teams:<tenantId>/msteams/conversations/<id>/`)
 * and saved with the eTag it was read with: a concurrent turn's write fails instead of winning.
 */
export class WorkspaceConversationState extends ConversationState {
  override getStorageKey(context: TurnContext): string | undefined {
    const key = super.getStorageKey(context);
    return key && joinStorageKey(workspaceKeyOf(context.activity), key);
  }

  override async load(context: TurnContext, force = false): Promise<StoreItem> {
    return markNew(await super.load(context, force));
  }

  override saveChanges(context: TurnContext, force = false): Promise<void> {
    return saveKeepingETag(context, force, partsOf(this, this.storage, this.storageKey));
  }

  override clear(context: TurnContext): Promise<void> {
    return clearKeepingETag(this, context, () => super.clear(context));
  }
}

/** UserState scoped to the workspace and saved with its eTag, like WorkspaceConversationState. */
export class WorkspaceUserState extends UserState {
  override getStorageKey(context: TurnContext): string | undefined {
    const key = super.getStorageKey(context);
    return key && joinStorageKey(workspaceKeyOf(context.activity), key);
  }

  override async load(context: TurnContext, force = false): Promise<StoreItem> {
    return markNew(await super.load(context, force));
  }

  override saveChanges(context: TurnContext, force = false): Promise<void> {
    return saveKeepingETag(context, force, partsOf(this, this.storage, this.storageKey));
  }

  override clear(context: TurnContext): Promise<void> {
    return clearKeepingETag(this, context, () => super.clear(context));
  }
}
