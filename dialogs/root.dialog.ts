// The entry: one message (or card submit) → a reply at once, or the command's guided form.
import type { BotState, TurnContext } from 'botbuilder';
import {
  ComponentDialog, Dialog, DialogSet, DialogTurnStatus, WaterfallDialog, type DialogContext, type DialogState, type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { CARD_VERBS, isCardActionData, type CardActionData } from '../cards/verbs';
import { parseCommand, type Command, type CommandName, type FieldError } from '../core/commands';
import { parseItemKey } from '../core/registers';
import { missingIn, parseErrorsReply, runCommand, withDefaults, type JobCommands, type Reply, type RunContext } from '../core/runner';
import { CloseDialog } from './close.dialog';
import type { DialogDeps, RunCommand } from './dialog-deps';
import { editDialogFor, editItemDialogs, isOrphanEditCard, type EditStart } from './edit-item.dialog';
import { EscalateDialog } from './escalate.dialog';
import type { FormDialog, FormResult, FormStart } from './form.dialog';
import { runItemButton } from './item-buttons';
import { expiredLine, FORM_TTL_MS, leftLine, staleLine, whileWaiting } from './interruptions';
import { runJobItemAction } from './job-actions';
import { LinkExecDialog } from './link-exec.dialog';
import { LinkDialog } from './link.dialog';
import { logItemDialogs } from './log-item.dialog';
import { PortfolioAddDialog } from './portfolio-add.dialog';
import type { Presenter } from './presenter';
import { ProgramAddDialog } from './program-add.dialog';
import { ProjectAddDialog } from './project-add.dialog';
import { RoleDialog } from './role.dialog';
import { getRunContext, parseContextOf, setRunContext } from './run-context';
import { ShowDialog } from './show.dialog';
import { StatusDialog } from './status.dialog';
import { UpdateDialog } from './update.dialog';

export const ROOT_DIALOG = 'pmo.root';
const ROOT_STEPS = 'pmo.root.steps';
const DIALOG_STATE = 'pmo.dialogState';
/** When the waiting form last asked something (ISO instant), for its 30-minute expiry. */
const FORM_ASKED_AT = 'pmo.formAskedAt';

const EXPIRED = 'That card has expired, so nothing was saved. Type the command again to start over.';
const EMPTY = 'Type a command, for example risk, status or list risks; help shows them all.';
/** Commands the parser refuses without their item key; alone, they start their form. */
const KEYED_VERBS: readonly CommandName[] = ['show', 'update', 'close', 'escalate'];

export function guidedDialogs(deps: DialogDeps): FormDialog[] {
  return [
    ...logItemDialogs(deps), new StatusDialog(deps),
    new ProjectAddDialog(deps), new ProgramAddDialog(deps), new PortfolioAddDialog(deps),
    // The edit forms also answer `update`: listed before UpdateDialog, which typed `update` keeps.
    ...editItemDialogs(deps), new UpdateDialog(deps), new CloseDialog(deps), new ShowDialog(deps), new EscalateDialog(deps),
    new RoleDialog(deps), new LinkDialog(deps), new LinkExecDialog(deps),
  ];
}

export class RootDialog extends ComponentDialog {
  private readonly presenter: Presenter;
  private readonly run: RunCommand;
  private readonly jobs?: JobCommands;
  private readonly forms = new Map<string, FormDialog>();
  private readonly formsById = new Map<string, FormDialog>();

  constructor(deps: DialogDeps) {
    super(ROOT_DIALOG);
    this.presenter = deps.presenter;
    this.run = deps.run ?? runCommand;
    this.jobs = deps.jobs;
    this.addDialog(new WaterfallDialog(ROOT_STEPS, [this.routeStep.bind(this), this.doneStep.bind(this)]));
    for (const form of guidedDialogs(deps)) {
      this.addDialog(form);
      this.forms.set(form.config.command, form);
      this.formsById.set(form.id, form);
    }
    this.initialDialogId = ROOT_STEPS;
  }

  /**
   * A message while a form waits: a command (typed, or another card's button) ends the form with
   * one line and runs afresh; `help risk` is answered and the form keeps waiting; Cancel from an
   * old card of another form leaves the waiting one be. Anything else is the form's answer.
   */
  protected override async onContinueDialog(innerDc: DialogContext): Promise<DialogTurnResult> {
    this.attachJobs(innerDc.context);
    const form = this.waitingForm(innerDc);
    if (form === undefined) return super.onContinueDialog(innerDc);
    const { activity } = innerDc.context;
    const step = form.waitingStep(innerDc.child, activity);
    const seen = step.own ? { kind: 'answer' as const } : whileWaiting(activity, form.config, parseContextOf(innerDc.context), step);
    switch (seen.kind) {
      case 'command':
        await innerDc.cancelAllDialogs();
        await innerDc.context.sendActivity(this.presenter.text(leftLine(form.config)));
        return innerDc.beginDialog(ROOT_STEPS);
      case 'help':
        await innerDc.context.sendActivity(this.presenter.reply(await this.run(seen.command, this.context(innerDc.context))));
        await innerDc.repromptDialog();
        return Dialog.EndOfTurn;
      case 'stale':
        if (activity.channelData?.slack?.source !== 'closed') {
          await innerDc.context.sendActivity(this.presenter.text(staleLine(form.config)));
        }
        return Dialog.EndOfTurn;
      default:
        return super.onContinueDialog(innerDc);
    }
  }

  protected override async onBeginDialog(innerDc: DialogContext, options?: object): Promise<DialogTurnResult> {
    this.attachJobs(innerDc.context);
    return super.onBeginDialog(innerDc, options);
  }

  /** The job runtime on this turn's RunContext, so every run of the turn (a form's save too) can send notices. */
  private attachJobs(turnContext: TurnContext): void {
    const ctx = getRunContext(turnContext);
    if (this.jobs && !ctx.jobs) setRunContext(turnContext, { ...ctx, jobs: this.jobs });
  }

  /** The guided form waiting for an answer in this conversation, if any. */
  waitingForm(innerDc: DialogContext): FormDialog | undefined {
    const id = innerDc.activeDialog?.id;
    return id === undefined ? undefined : this.formsById.get(id);
  }

  /**
   * A form unanswered for 30 minutes ends before this turn is read, with one line saying so; the
   * turn is then a fresh start. `askedAt` is when the form last asked (undefined: nothing waits).
   */
  async expireIfStale(dc: DialogContext, askedAt: string | undefined, now: Date): Promise<void> {
    if (dc.activeDialog === undefined || askedAt === undefined) return;
    if (now.getTime() - Date.parse(askedAt) < FORM_TTL_MS) return;
    const inner = dc.child;
    const form = inner ? this.waitingForm(inner) : undefined;
    await dc.cancelAllDialogs();
    if (form !== undefined && dc.context.activity.channelData?.slack?.source !== 'closed') {
      await dc.context.sendActivity(this.presenter.text(expiredLine(form.config)));
    }
  }

  /** This turn's RunContext, with the job runtime for `digest` and `reminders`. */
  private context(turnContext: TurnContext): RunContext {
    const ctx = getRunContext(turnContext);
    return this.jobs && !ctx.jobs ? { ...ctx, jobs: this.jobs } : ctx;
  }

  private async routeStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const { activity } = step.context;
    const data: unknown = activity.value;
    if (isCardActionData(data)) return this.cardStep(step, data);
    const text = (activity.text ?? '').trim();
    if (text === '') return this.answer(step, { type: 'text', text: EMPTY });
    const { command, errors } = parseCommand(text, parseContextOf(step.context));
    if (command === null) return this.unusable(step, text, errors);
    const form = this.forms.get(command.name);
    if (form === undefined) return this.answer(step, errors.length > 0 ? parseErrorsReply(errors, command.name) : await this.run(command, this.context(step.context)));
    return this.commandStep(step, form, command, errors);
  }

  /** Complete and valid: saved at once; otherwise the form asks what is missing or wrong. */
  private async commandStep(step: WaterfallStepContext, form: FormDialog, command: Command, errors: FieldError[]): Promise<DialogTurnResult> {
    const ctx = getRunContext(step.context);
    // Defaults read once (the channel's project): what the filled command lacks needs no second look.
    const filled = await withDefaults(command, ctx);
    if (errors.length > 0 || missingIn(filled).length > 0) return this.guide(step, form, { command: filled, errors });
    const reply = await this.run(filled, ctx);
    const field = reply.type === 'error' ? form.fieldFor(reply.field) : undefined;
    if (reply.type !== 'error' || field === undefined) return this.answer(step, reply);
    return this.guide(step, form, { command: filled, errors: [{ field, message: reply.view.message }] });
  }

  /** `show`, `update`… without a usable key start their form; any other refusal is explained. */
  private async unusable(step: WaterfallStepContext, text: string, errors: FieldError[]): Promise<DialogTurnResult> {
    const words = text.split(/\s+/);
    const form = this.forms.get(words[0].toLowerCase());
    const keyOnly = errors.length > 0 && errors.every((e) => e.field === 'key');
    if (form === undefined || !KEYED_VERBS.includes(form.config.command) || !keyOnly) return this.answer(step, parseErrorsReply(errors));
    return this.guide(step, form, { errors: words.length > 1 ? errors : [] });
  }

  /** A button pressed on a card whose form is no longer open (or a card that needs none). */
  private async cardStep(step: WaterfallStepContext, data: CardActionData): Promise<DialogTurnResult> {
    switch (data.verb) {
      case CARD_VERBS.showItem: {
        const found = parseItemKey(data.key);
        const show: Command = { name: 'show', key: data.key, kind: found?.kind ?? 'risk' };
        return this.answer(step, await this.run(show, getRunContext(step.context)));
      }
      case CARD_VERBS.itemUpdate: {
        const edit = editDialogFor(data.key);
        const start: EditStart = { item: data.key };
        return 'reply' in edit ? this.answer(step, edit.reply) : step.beginDialog(edit.id, start);
      }
      case CARD_VERBS.itemClose:
      case CARD_VERBS.itemEscalate:
      case CARD_VERBS.itemApprove:
      case CARD_VERBS.itemReject:
        return this.answer(step, await runItemButton(data, this.context(step.context), this.run));
      case CARD_VERBS.submitForm: {
        const form = isOrphanEditCard(data) ? undefined : this.forms.get(data.command);
        if (form) return this.guide(step, form, { submitted: data as Record<string, unknown> });
        return this.answer(step, { type: 'text', text: EXPIRED });
      }
      case CARD_VERBS.cancel:
        return this.answer(step, { type: 'text', text: 'Nothing to cancel.' });
      case CARD_VERBS.itemDone:
      case CARD_VERBS.itemSnooze:
      case CARD_VERBS.itemDue:
        return this.answer(step, await runJobItemAction(data, this.context(step.context), parseContextOf(step.context), this.run));
      case CARD_VERBS.start: {
        const form = this.forms.get(data.command);
        if (form === undefined) return this.answer(step, { type: 'text', text: EXPIRED });
        return this.commandStep(step, form, { name: data.command, ...(data.project ? { project: data.project } : {}) }, []);
      }
      default:
        return this.answer(step, { type: 'text', text: EXPIRED });
    }
  }

  private async guide(step: WaterfallStepContext, form: FormDialog, start: FormStart): Promise<DialogTurnResult> {
    return step.beginDialog(form.id, start);
  }

  private async answer(step: WaterfallStepContext, reply: Reply): Promise<DialogTurnResult> {
    await step.context.sendActivity(this.presenter.reply(reply));
    const result: FormResult = { reply };
    return step.endDialog(result);
  }

  private async doneStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.endDialog(step.result);
  }
}

/** What the bot holds on to: the root dialog, with every guided dialog inside it. */
export interface PmoDialogs {
  root: RootDialog;
}

export function createDialogs(deps: DialogDeps): PmoDialogs {
  return { root: new RootDialog(deps) };
}

/**
 * One turn: ends a form left unanswered too long, continues the open dialog, or starts the root
 * on a fresh message. State is saved by the caller.
 */
export async function runDialogs(turnContext: TurnContext, conversationState: BotState, dialogs: PmoDialogs): Promise<DialogTurnResult> {
  const set = new DialogSet(conversationState.createProperty<DialogState>(DIALOG_STATE));
  set.add(dialogs.root);
  const askedAt = conversationState.createProperty<string>(FORM_ASKED_AT);
  const now = getRunContext(turnContext).now;
  const dc = await set.createContext(turnContext);
  await dialogs.root.expireIfStale(dc, await askedAt.get(turnContext), now);
  let result = await dc.continueDialog();
  if (result.status === DialogTurnStatus.empty) result = await dc.beginDialog(dialogs.root.id);
  if (result.status === DialogTurnStatus.waiting) await askedAt.set(turnContext, now.toISOString());
  else await askedAt.delete(turnContext);
  return result;
}
