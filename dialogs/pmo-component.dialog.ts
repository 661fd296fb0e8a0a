// The base of every guided dialog: `cancel` and `help` work the same at every step, handled once here.
import type { Activity } from 'botbuilder';
import { ComponentDialog, Dialog, type DialogContext, type DialogTurnResult } from 'botbuilder-dialogs';
import { CARD_VERBS, isCardActionData } from '../cards/verbs';
import type { Presenter } from './presenter';

export const CANCELLED_TEXT = 'Cancelled — nothing was saved.';

const CANCEL = /^(cancel|stop|quit|exit|abort)(\s+(that|it|this|please))?[.!]*$/i;
const HELP = /^(help|\?|what now\??)$/i;

type Interruption = 'cancel' | 'help' | undefined;

/** `cancel` (typed, or the card's Cancel button) and `help` interrupt whatever step is waiting. */
export function interruption(activity: Partial<Activity>): Interruption {
  const data: unknown = activity.value;
  if (isCardActionData(data) && data.verb === CARD_VERBS.cancel) return 'cancel';
  const text = (activity.text ?? '').trim();
  if (CANCEL.test(text)) return 'cancel';
  if (HELP.test(text)) return 'help';
  return undefined;
}

export abstract class PmoComponentDialog extends ComponentDialog {
  constructor(id: string, protected readonly presenter: Presenter) {
    super(id);
  }

  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    switch (interruption(innerDc.context.activity)) {
      case 'cancel':
        return this.cancelAll(innerDc);
      case 'help':
        await innerDc.context.sendActivity(this.presenter.text(this.stepHelp(innerDc)));
        await innerDc.repromptDialog();
        return Dialog.EndOfTurn;
      default:
        return super.onContinueDialog(innerDc);
    }
  }

  /** Ends this dialog and every dialog above it: the conversation starts afresh. */
  protected async cancelAll(innerDc: DialogContext): Promise<DialogTurnResult> {
    await innerDc.context.sendActivity(this.presenter.text(CANCELLED_TEXT));
    return innerDc.cancelAllDialogs(true);
  }

  /** What the step waiting now asks for, what it accepts, and how to leave. */
  protected abstract stepHelp(innerDc: DialogContext): string;
}
