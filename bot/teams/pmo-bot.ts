import {
  StatusCodes, TeamsActivityHandler, TurnContext, type AdaptiveCardInvokeResponse, type ConversationState, type FileConsentCardResponse, type InvokeResponse,
  type MessagingExtensionAction, type MessagingExtensionActionResponse,
} from 'botbuilder';
import type { Logger } from 'pino';
import { helpView } from '../../core/runner';
import { ensurePerson, KnownContacts } from '../../core/services';
import type { Presenter } from '../../dialogs/presenter';
import type { CaptureTurn } from '../../dialogs/message-capture';
import { parseContextOf, setRunContext } from '../../dialogs/run-context';
import { runDialogs, type PmoDialogs } from '../../dialogs/root.dialog';
import type { TeamsExportDelivery } from './export-delivery';
import { mentionsOf, neutralMentions } from './mentions';
import { fetchCaptureTask, submitCaptureTask } from './message-capture';
import { rememberConversation, resolveTurn, workspaceOf } from './turn';

const CARD_ACTION_UNSUPPORTED = 'That button is not one of mine any more; type the command instead (help lists them).';

export interface PmoBotDeps {
  conversationState: ConversationState;
  dialogs: PmoDialogs;
  presenter: Presenter;
  defaultTimeZone: string;
  logger: Logger;
  /** Exports: consent cards, uploads once allowed, download links in the local chat. */
  files: TeamsExportDelivery;
  /** The clock; tests pin it. */
  now?: () => Date;
}

/**
 * The Teams door: strips the @mention, works out who and where, and hands the turn to the shared
 * dialogs. No business rule lives here.
 */
export class PmoBot extends TeamsActivityHandler {
  /** Who and where this process has already seen, so a turn writes only what changed. */
  private readonly contacts = new KnownContacts();

  constructor(private readonly deps: PmoBotDeps) {
    super();
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      const botAdded = (context.activity.membersAdded ?? []).some((m) => m.id === context.activity.recipient.id);
      if (botAdded) await this.welcome(context);
      await next();
    });
    this.onInstallationUpdateAdd(async (context, next) => {
      await this.welcome(context);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.deps.conversationState.saveChanges(context, false);
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    TurnContext.removeRecipientMention(context.activity);
    if (typeof context.activity.text === 'string') {
      context.activity.text = neutralMentions(context.activity.text.replace(/\u00a0/g, ' ').trim(), mentionsOf(context.activity));
    }
    const now = this.deps.now?.() ?? new Date();
    const runContext = await resolveTurn(context, { timeZone: this.deps.defaultTimeZone }, now, this.contacts);
    setRunContext(context, runContext);
    context.onSendActivities(async (ctx, activities, next) => {
      await this.deps.files.deliverPending(ctx, activities, now);
      return next();
    });
    await runDialogs(context, this.deps.conversationState, this.deps.dialogs);
  }

  /**
   * Action.Execute (`adaptiveCard/action`): our cards use Action.Submit, so this is an old or
   * foreign card; the person is told what to do instead of seeing a failure.
   */
  protected override async onAdaptiveCardInvoke(): Promise<AdaptiveCardInvokeResponse> {
    // The schema types `value` as an object; a message response's value is its text (Universal Actions).
    return { statusCode: StatusCodes.OK, type: 'application/vnd.microsoft.activity.message', value: CARD_ACTION_UNSUPPORTED as unknown as Record<string, unknown> };
  }

  /** An invoke we offer nothing for is the caller's mistake (400), never a server failure (botbuilder says 501). */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    const response = await super.onInvokeActivity(context);
    return response.status === StatusCodes.NOT_IMPLEMENTED ? { status: StatusCodes.BAD_REQUEST, body: { error: 'This bot does not handle that invoke.' } } : response;
  }

  /** fileConsent/invoke accepted: upload the export, show the file card; the invoke is answered 200. */
  protected override async handleTeamsFileConsentAccept(context: TurnContext, response: FileConsentCardResponse): Promise<void> {
    await this.deps.files.accept(context, response, this.deps.now?.() ?? new Date());
  }

  protected override async handleTeamsFileConsentDecline(context: TurnContext, response: FileConsentCardResponse): Promise<void> {
    await this.deps.files.decline(context, response);
  }

  /** "Log in PMO register" on a message: the task module with the kind's form, prefilled from the message. */
  protected override async handleTeamsMessagingExtensionFetchTask(context: TurnContext, action: MessagingExtensionAction): Promise<MessagingExtensionActionResponse> {
    return fetchCaptureTask(action, await this.captureTurn(context));
  }

  /** The task module's form submitted: saved through the runner, or shown again saying what is wrong. */
  protected override async handleTeamsMessagingExtensionSubmitAction(context: TurnContext, action: MessagingExtensionAction): Promise<MessagingExtensionActionResponse> {
    return submitCaptureTask(context, action, await this.captureTurn(context), { logger: this.deps.logger });
  }

  private async captureTurn(context: TurnContext): Promise<CaptureTurn> {
    const run = await resolveTurn(context, { timeZone: this.deps.defaultTimeZone }, this.deps.now?.() ?? new Date(), this.contacts);
    setRunContext(context, run);
    return { run, parse: parseContextOf(context) };
  }

  /** Stores where the bot was installed (for the jobs' proactive messages) and says hello once. */
  private async welcome(context: TurnContext): Promise<void> {
    const ws = workspaceOf(context.activity);
    const workspace = await this.contacts.workspace(ws.platform, ws.externalId, ws.name, { timeZone: this.deps.defaultTimeZone });
    await rememberConversation(context, workspace._id.toString(), ws.platform, this.contacts);
    // The installer takes the founding PMO admin seat if nobody holds it yet (SPEC §2); a later
    // personal install must not make someone admin of the whole tenant.
    if (context.activity.from?.id) await ensurePerson(workspace._id, context.activity.from.id, context.activity.from.name ?? '');
    const view = {
      ...helpView(),
      title: 'Hi, I am PMO Assistant',
      intro:
        'I keep your project register where you already talk: log risks, issues and changes, post the weekly status, and I will remind people of what is overdue. Type a command below, or just `risk` to be guided.',
    };
    await context.sendActivity(this.deps.presenter.reply({ type: 'help', view }));
  }
}
