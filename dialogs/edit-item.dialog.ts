// The Update button on an item's card: the item's own form filled in with its current values; saving
// runs `update KEY` with only the changed fields, through the runner (so history records them).
import { DialogTurnStatus, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { CARD_VERBS, isCardActionData, ownValue } from '../cards/verbs';
import { ITEM_KINDS, type ItemKind } from '../core/domain';
import { parseItemKey } from '../core/registers';
import { errorReply, pmoErrorReply, type Reply, type RunContext } from '../core/runner';
import { changeRefusal } from '../core/runner/item-actions';
import { getItem, getPerson, PmoError, type RegisterItem } from '../core/services';
import type { DialogDeps } from './dialog-deps';
import { currentValues, editForm, ORIGINAL, personIds } from './edit-item-form';
import type { FormValues } from './form-config';
import { inputId, startState, type FormState } from './form-state';
import { FormDialog, type FormResult, type FormStart } from './form.dialog';
import { getRunContext } from './run-context';

/** `pmo.edit.risk`, `pmo.edit.issue`, `pmo.edit.change`. */
export const editDialogId = (kind: ItemKind): string => `pmo.edit.${kind}`;

export interface EditStart extends FormStart {
  /** The key of the item to edit (from the button's data). */
  item?: string;
}

/** The edit dialog for an item key, or why there is none. */
export function editDialogFor(key: string): { id: string } | { reply: Reply } {
  const found = parseItemKey(key);
  return found ? { id: editDialogId(found.kind) } : { reply: errorReply(`"${key.slice(0, 40)}" is not an item key, so there is nothing to update.`) };
}

/**
 * An edit card saved after its form ended (expired, or left for another command): unlike the typed
 * `update` form's card it does not carry the item's key, so it cannot be taken up again.
 */
export function isOrphanEditCard(data: object): boolean {
  return ownValue(data, 'command') === 'update' && ownValue(data, inputId('key')) === undefined && ownValue(data, 'fields') === undefined;
}

const withoutEmpty = (values: FormValues): FormValues => Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));

export class EditItemDialog extends FormDialog {
  constructor(deps: DialogDeps, private readonly kind: ItemKind) {
    super(editDialogId(kind), editForm(kind), deps);
  }

  /** Loads the item and checks the viewer may change it before showing anything: a refusal ends here. */
  protected override async onBeginDialog(innerDc: DialogContext, options?: EditStart): Promise<DialogTurnResult> {
    if (options?.item === undefined) return super.onBeginDialog(innerDc, options);
    const ctx = getRunContext(innerDc.context);
    const loaded = await this.load(options.item, ctx);
    if ('reply' in loaded) return this.end(innerDc, loaded.reply);
    const { item } = loaded;
    const refusal = await changeRefusal(ctx, item, 'update');
    if (refusal !== undefined) return this.end(innerDc, refusal);
    const people = await Promise.all(personIds(item).map((id) => getPerson(ctx.workspaceId, id)));
    const names = new Map(people.flatMap((p) => (p?.displayName ? [[p.platformUserId, p.displayName] as const] : [])));
    const values = withoutEmpty(currentValues(item, names));
    const state = startState(this.config, { ...values, key: item.key, [ORIGINAL]: values }, []);
    // Shown as a card first, every field filled in; typed, the title is asked (the rest by `edit FIELD`).
    state.editing = this.config.fields[0]?.name;
    state.notice = `${item.key} ${item.title}: change what you need, then save.`;
    return innerDc.beginDialog(this.initialDialogId, state);
  }

  /** A submitted card answers every field on it, so the field shown first is no longer waited for. */
  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    const data: unknown = innerDc.context.activity.value;
    if (isCardActionData(data) && data.verb === CARD_VERBS.submitForm && data.command === this.config.command) {
      const steps = innerDc.stack.find((instance) => instance.id === this.initialDialogId);
      const state = steps?.state?.options as FormState | undefined;
      if (state !== undefined) state.editing = undefined;
    }
    return super.onContinueDialog(innerDc);
  }

  private async load(key: string, ctx: RunContext): Promise<{ item: RegisterItem } | { reply: Reply }> {
    try {
      const { item } = await getItem(ctx.workspaceId, key);
      if (item.kind !== this.kind) return { reply: errorReply(`${item.key} is not a ${this.kind}.`) };
      return { item };
    } catch (err) {
      if (err instanceof PmoError) return { reply: pmoErrorReply(err) };
      throw err;
    }
  }

  private async end(innerDc: DialogContext, reply: Reply): Promise<DialogTurnResult> {
    await innerDc.context.sendActivity(this.presenter.reply(reply));
    const result: FormResult = { reply };
    return { status: DialogTurnStatus.complete, result };
  }
}

/** One edit form per kind of item. */
export function editItemDialogs(deps: DialogDeps): EditItemDialog[] {
  return ITEM_KINDS.map((kind) => new EditItemDialog(deps, kind));
}
