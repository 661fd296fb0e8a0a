import {
  calculateChangeHash,
  type BotState,
  type CachedBotState,
  type Storage,
  type StorageKeyFactory,
  type StoreItem,
  type TurnContext,
} from 'botbuilder';

/** eTag of state not stored yet: the first write then only succeeds if nobody created it meanwhile. */
export const NEW_ITEM_ETAG = '0';

/** What saveKeepingETag needs of a BotState (its storage, key factory and turn-cache slot). */
export interface StateParts {
  storage: Storage;
  storageKey: StorageKeyFactory;
  cacheKey: symbol;
}

/** BotState keeps its turn cache under a private symbol; saving with the eTag has to reach it. */
export function cacheKeyOf(state: BotState): symbol {
  const key = (state as unknown as { stateKey?: unknown }).stateKey;
  if (typeof key !== 'symbol') throw new Error('botbuilder BotState no longer caches under `stateKey`: revisit bot/state.');
  return key;
}

/** Marks freshly loaded state that storage did not have, so that its first write is conditional too. */
export function markNew(state: StoreItem): StoreItem {
  if (state.eTag === undefined) state.eTag = NEW_ITEM_ETAG;
  return state;
}

/**
 * What the state was when read or last saved, to tell whether a turn changed it: its JSON without
 * the eTag. botbuilder's calculateChangeHash says the same through a cycle-safe stringify written
 * in JavaScript, which took several times as long as the native one and ran three times a turn.
 * A state JSON cannot express (a cycle, a BigInt) takes botbuilder's way, and then fails to save.
 */
export function changeHash(state: StoreItem): string {
  const { eTag: _eTag, ...rest } = state;
  try {
    return JSON.stringify(rest);
  } catch {
    return calculateChangeHash(state);
  }
}

/** BotState.load with the hash above: the state read from storage (or `{}`), cached for the turn. */
export async function loadWithHash(context: TurnContext, force: boolean, parts: StateParts): Promise<StoreItem> {
  const cached = context.turnState.get(parts.cacheKey) as CachedBotState | undefined;
  if (!force && cached?.state) return cached.state;
  const key = await parts.storageKey(context);
  const items = await parts.storage.read([key]);
  const state: StoreItem = items[key] ?? {};
  context.turnState.set(parts.cacheKey, { state, hash: changeHash(state) });
  return state;
}

/**
 * BotState.saveChanges with one difference: it writes the eTag the state was read with instead
 * of `'*'`, so a turn that lost a race fails with an eTag conflict rather than overwriting.
 */
export async function saveKeepingETag(context: TurnContext, force: boolean, parts: StateParts): Promise<void> {
  const cached = context.turnState.get(parts.cacheKey) as CachedBotState | undefined;
  if (!force && (!cached || cached.hash === changeHash(cached.state))) return;
  const state: StoreItem = cached?.state ?? {};
  const key = await parts.storageKey(context);
  const sent = state.eTag;
  await parts.storage.write({ [key]: state });
  // A storage that does not report the new eTag (MemoryStorage): later saves this turn are unconditional.
  if (state.eTag === sent) delete state.eTag;
  context.turnState.set(parts.cacheKey, { state, hash: changeHash(state) });
}
