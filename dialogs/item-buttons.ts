// Close and Escalate on an item's card: the command a typed `close KEY` / `escalate KEY` would be,
// run by the same runner, so permissions and history are the same.
import { CARD_VERBS, type CardActionData } from '../cards/verbs';
import { isDone, parseItemKey } from '../core/registers';
import { errorReply, type Reply, type RunContext } from '../core/runner';
import { getItem, PmoError } from '../core/services';
import type { RunCommand } from './dialog-deps';

export type ItemButton = Extract<CardActionData, { verb: typeof CARD_VERBS.itemClose | typeof CARD_VERBS.itemEscalate | typeof CARD_VERBS.itemApprove | typeof CARD_VERBS.itemReject }>;

/** An old card's Close on an item closed meanwhile: said plainly, nothing run. Unknown keys are the runner's to refuse. */
async function alreadyDone(key: string, ctx: RunContext): Promise<Reply | undefined> {
  try {
    const { item } = await getItem(ctx.workspaceId, key);
    return isDone(item.kind, item.status) ? { type: 'text', text: `${item.key} is already ${item.status}; there is nothing to close.` } : undefined;
  } catch (err) {
    if (err instanceof PmoError) return undefined;
    throw err;
  }
}

export async function runItemButton(data: ItemButton, ctx: RunContext, run: RunCommand): Promise<Reply> {
  const found = parseItemKey(data.key);
  if (found === null) return errorReply(`"${data.key.slice(0, 40)}" is not an item key, so nothing was changed.`);
  const key = data.key.trim().toUpperCase();
  switch (data.verb) {
    case CARD_VERBS.itemClose:
      return (await alreadyDone(key, ctx)) ?? run({ name: 'close', key, kind: found.kind }, ctx);
    case CARD_VERBS.itemEscalate:
      return run({ name: 'escalate', key }, ctx);
    // An old card's button on a change decided since: the runner says who decided it and when.
    case CARD_VERBS.itemApprove:
      return run({ name: 'approve', key }, ctx);
    case CARD_VERBS.itemReject:
      return run({ name: 'reject', key }, ctx);
  }
}
