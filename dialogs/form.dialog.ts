// The guided form every command dialog is: ask what is missing or wrong, confirm, then save.
import type { Activity, TurnContext } from 'botbuilder';
import {
  TextPrompt, WaterfallDialog, type DialogContext, type DialogTurnResult, type PromptValidatorContext, type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { CARD_VERBS, isCardActionData } from '../cards/verbs';
import type { FormChoice } from '../core/view-models';
import { todayIn, type Command, type FieldError } from '../core/commands';
import { missingFields, runCommand } from '../core/runner';
import type { Reply, RunContext } from '../core/runner/types';
import { listPeople } from '../core/services';
import type { DialogDeps, RunCommand } from './dialog-deps';
import { applyAnswer, applySubmit, readDecision, type Turn } from './form-answers';
import { fieldOf, type FormConfig, type FormValues } from './form-config';
import { stepHelp } from './form-help';
import { confirmationView, formView, nextField, question, startState, type FormState } from './form-state';
import { PmoComponentDialog } from './pmo-component.dialog';
import { parseContextOf, getRunContext } from './run-context';

const FORM_STEPS = 'pmo.form.steps';
const FIELD_PROMPT = 'pmo.form.fieldPrompt';
const CONFIRM_PROMPT = 'pmo.form.confirmPrompt';
const PEOPLE_SHOWN = 50;
const SAY_WHAT = 'Type save to store it, edit FIELD to change a field, or cancel.';

export interface FormStart {
  /** A command typed inline: its valid fields are kept. */
  command?: Command;
  /** The parser's (or the runner's) refusals: those fields are asked first, with the reason. */
  errors?: readonly FieldError[];
  /** A form card submitted when no form was open. */
  submitted?: Record<string, unknown>;
}

export interface WaitingStep {
  formId?: string;
  /** The message answers this step, whatever it reads like. */
  own: boolean;
  /** The step takes free text (a title, a summary, the confirmation's `change FIELD`). */
  freeText: boolean;
}

export interface FormResult {
  reply: Reply;
}

/** An answer at all: any text, or one of our card buttons. */
const hasAnswer = async (prompt: PromptValidatorContext<string>): Promise<boolean> =>
  (prompt.recognized.value ?? '').trim() !== '' || isCardActionData(prompt.context.activity.value);

/** Every field but the command's name and the kind its key implies. */
function ownFields(command: Command): FormValues {
  const values: FormValues = {};
  for (const [field, value] of Object.entries(command)) {
    const empty = typeof value === 'object' && value !== null && Object.keys(value).length === 0;
    if (field !== 'name' && field !== 'kind' && value !== undefined && !empty) values[field] = value;
  }
  return values;
}

export class FormDialog extends PmoComponentDialog {
  private readonly run: RunCommand;

  constructor(id: string, readonly config: FormConfig, deps: DialogDeps) {
    super(id, deps.presenter);
    this.run = deps.run ?? runCommand;
    this.addDialog(new WaterfallDialog(FORM_STEPS, [
      this.fieldStep.bind(this),
      this.answerStep.bind(this),
      this.confirmStep.bind(this),
      this.decisionStep.bind(this),
      this.saveStep.bind(this),
    ]));
    this.addDialog(new TextPrompt(FIELD_PROMPT, hasAnswer));
    this.addDialog(new TextPrompt(CONFIRM_PROMPT, hasAnswer));
    this.initialDialogId = FORM_STEPS;
  }

  /** The form field a runner refusal names, if this form can ask it again. */
  fieldFor(refused: string | undefined): string | undefined {
    if (refused === undefined) return undefined;
    return fieldOf(this.config, refused) ? refused : this.config.catchAll;
  }

  command(values: FormValues): Command {
    return this.config.toCommand ? this.config.toCommand(values) : ({ name: this.config.command, ...values } as Command);
  }

  protected override async onBeginDialog(innerDc: DialogContext, options?: FormStart): Promise<DialogTurnResult> {
    const start = options ?? {};
    const values = start.command ? ownFields(start.command) : {};
    const state = startState(this.config, values, start.errors ?? []);
    if (start.submitted) await applySubmit(this.config, state, start.submitted, this.turn(innerDc.context));
    return innerDc.beginDialog(FORM_STEPS, state);
  }

  /**
   * The step waiting in `formDc` (the form's inner context), as an interruption reads it: which
   * form instance it is, whether the message is its own answer though it reads like a command
   * (`change the due date` at the confirmation), and whether free text is what it waits for.
   */
  waitingStep(formDc: DialogContext | undefined, activity: Partial<Activity>): WaitingStep {
    const steps = formDc?.stack.find((instance) => instance.id === FORM_STEPS);
    const state = steps?.state?.options as FormState | undefined;
    if (state === undefined) return { own: false, freeText: false };
    const id = state.id ? { formId: state.id } : {};
    if (state.confirming) {
      const decision = readDecision(this.config, activity);
      return { ...id, own: 'save' in decision || 'no' in decision || 'edit' in decision, freeText: true };
    }
    const type = state.asking === undefined ? undefined : fieldOf(this.config, state.asking)?.type;
    return { ...id, own: false, freeText: type === 'text' || type === 'multiline' };
  }

  protected override stepHelp(innerDc: DialogContext): string {
    const steps = innerDc.stack.find((instance) => instance.id === FORM_STEPS);
    return stepHelp(this.config, steps?.state?.options as FormState | undefined);
  }

  private turn(context: TurnContext): Turn {
    return { parse: parseContextOf(context), run: getRunContext(context) };
  }

  /** Asks the first field that is wrong or missing; with none left, moves on to the confirmation. */
  private async fieldStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = step.options as FormState;
    const turn = this.turn(step.context);
    if (this.config.fields.some((f) => f.byPolicy)) {
      state.needed = await this.neededByPolicy(state, turn.run);
      // Left empty (a card or modal submitted without it) though the policy requires it: asked again, saying why.
      for (const field of state.needed.filter((f) => state.skipped.includes(f))) {
        state.skipped = state.skipped.filter((f) => f !== field);
        state.errors[field] ??= `${fieldOf(this.config, field)?.label ?? field} is needed here, so it cannot be left empty`;
      }
    }
    const next = nextField(this.config, state);
    const field = next ?? (await this.missingForRunner(state, turn.run));
    state.asking = field;
    state.confirming = false;
    if (field === undefined) return step.next();
    state.people ??= await this.people(turn.run);
    const view = formView(this.config, state, field, { today: todayIn(turn.parse), people: state.people });
    const prompt = this.presenter.form(view, question(this.config, state, field, next === undefined));
    state.notice = undefined;
    // No retryPrompt: the prompt is sent again on a retry anyway, and each copy is kept in conversation state.
    return step.prompt(FIELD_PROMPT, { prompt });
  }

  /** Takes the answer (typed, or the whole card) and goes round again with what is now known. */
  private async answerStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = step.options as FormState;
    if (state.asking === undefined) return step.next();
    const data: unknown = step.context.activity.value;
    const turn = this.turn(step.context);
    if (isCardActionData(data)) {
      if (data.verb === CARD_VERBS.submitForm && data.command === this.config.command) {
        await applySubmit(this.config, state, data as Record<string, unknown>, turn);
      } else if (data.verb === CARD_VERBS.confirmSave && data.command === this.config.command && state.editing !== undefined) {
        // Save pressed on this form's confirmation while a field was being edited: the edit is dropped, and it confirms again.
        state.editing = undefined;
      } else {
        state.notice = 'That button belongs to another card.';
      }
    } else {
      await applyAnswer(this.config, state, state.asking, String(step.result ?? ''), turn);
    }
    return step.replaceDialog(FORM_STEPS, state);
  }

  private async confirmStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (this.config.confirm === false) return step.next();
    const state = step.options as FormState;
    state.confirming = true;
    const prompt = this.presenter.confirmation(confirmationView(this.config, state, todayIn(this.turn(step.context).parse)));
    state.notice = undefined;
    return step.prompt(CONFIRM_PROMPT, { prompt });
  }

  /** save goes on; edit FIELD asks that field again, then confirms again. */
  private async decisionStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (this.config.confirm === false) return step.next();
    const state = step.options as FormState;
    const decision = readDecision(this.config, step.context.activity);
    if ('save' in decision) return step.next();
    if ('no' in decision) return this.cancelAll(step);
    state.confirming = false;
    if ('edit' in decision) state.editing = decision.edit;
    else if ('submit' in decision) await applySubmit(this.config, state, decision.submit, this.turn(step.context));
    else if (decision.unclear) state.notice = `There is no field "${decision.unclear}" here. ${SAY_WHAT}`;
    else state.notice = SAY_WHAT;
    return step.replaceDialog(FORM_STEPS, state);
  }

  /** Runs the command; a refusal that names a field asks that field again, so nothing half-valid is saved. */
  private async saveStep(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const state = step.options as FormState;
    const reply = await this.run(this.command(state.values), getRunContext(step.context));
    const field = reply.type === 'error' ? this.fieldFor(reply.field) : undefined;
    if (reply.type === 'error' && field !== undefined) {
      state.errors[field] = reply.view.message;
      state.editing = undefined;
      return step.replaceDialog(FORM_STEPS, state);
    }
    await step.context.sendActivity(this.presenter.reply(reply));
    const result: FormResult = { reply };
    return step.endDialog(result);
  }

  /** A required field only the runner knows about (none, while the configs match it). */
  private async missingForRunner(state: FormState, ctx: RunContext): Promise<string | undefined> {
    const missing = await missingFields(this.command(state.values), ctx);
    return missing.find((field) => fieldOf(this.config, field) !== undefined);
  }

  /** The policy-governed fields the runner requires now (asked without a skip; a skip is refused). */
  private async neededByPolicy(state: FormState, ctx: RunContext): Promise<string[]> {
    const missing = await missingFields(this.command(state.values), ctx);
    return missing.filter((field) => fieldOf(this.config, field)?.byPolicy === true);
  }

  /** Known people for the card's person pickers (formPeople), read once per form (FormState.people). */
  private people(ctx: RunContext): Promise<FormChoice[]> {
    return formPeople(this.config, ctx);
  }
}

/**
 * Known people for a form card's person pickers, by name; read once per form (FormState.people).
 * Someone with no name yet could not be told apart from anyone else in the list, so is left to be
 * @mentioned (or shown as the value already chosen).
 */
export async function formPeople(config: FormConfig, ctx: RunContext): Promise<FormChoice[]> {
  if (!config.fields.some((f) => f.type === 'person')) return [];
  const { userId, displayName } = ctx.actor;
  const people = await listPeople(ctx.workspaceId);
  return people
    .map((p) => ({ title: p.displayName || (p.platformUserId === userId && displayName) || '', value: p.platformUserId }))
    .filter((p) => p.title !== '')
    .slice(0, PEOPLE_SHOWN);
}
