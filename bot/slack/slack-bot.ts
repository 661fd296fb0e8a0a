import { ActivityHandler, type ConversationState, type TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import type { CaptureTurn } from '../../dialogs/message-capture';
import { getRunContext, parseContextOf, setRunContext } from '../../dialogs/run-context';
import { runDialogs, type PmoDialogs } from '../../dialogs/root.dialog';
import { slackTurnStateOf } from './adapter';
import type { SlackDirectory } from './directory';
import { SlackPresenter } from './presenter';
import { answerCapture, captureReply, openLogMessageModal } from './shortcut';
import { mentionedUserIds, nameMentions } from './slack-text';
import { resolveSlackTurn } from './turn';

export interface SlackBotDeps {
  conversationState: ConversationState;
  dialogs: PmoDialogs;
  directory: SlackDirectory;
  /** The clock; tests pin it. */
  now?: () => Date;
  logger?: Logger;
}

/**
 * The Slack door, mirroring the Teams PmoBot: names the typist and the people mentioned, works
 * out who and where, and hands the turn to the same dialogs. No business rule lives here.
 */
export class SlackBot extends ActivityHandler {
  constructor(private readonly deps: SlackBotDeps) {
    super();
    this.onMessage(async (context, next) => {
      await this.handleMessage(context);
      await next();
    });
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.deps.conversationState.saveChanges(context, false);
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const { turn, api, botUserId, workspace, request } = slackTurnStateOf(context);
    if (!workspace) throw new Error('a Slack message turn runs in a resolved workspace');
    const { directory } = this.deps;
    const person = await directory.person(api, turn.teamId, turn.userId);
    const { activity } = context;
    if (activity.from) activity.from.name = person.displayName;
    if (typeof activity.text === 'string' && activity.text.includes('<@')) {
      // The door translates Slack's mention syntax: the parser reads only `@{id|name}`.
      activity.text = nameMentions(activity.text, await directory.names(api, turn.teamId, mentionedUserIds(activity.text)));
    }
    // A request carried out late (its first holder died) runs at the time it was received.
    const now = this.deps.now?.() ?? request?.receivedAt ?? new Date();
    const resolved = await resolveSlackTurn(activity, { turn, workspace, person, botUserId }, now);
    // A form opened from a message: what it saves remembers that message (its link and author).
    const ctx = turn.origin ? { ...resolved, source: turn.origin } : resolved;
    setRunContext(context, request ? { ...ctx, request: { key: request.key, retry: request.retry } } : ctx);
    if (turn.source === 'shortcut' || turn.capture) {
      // "Log in PMO register" on a message: the capture path Teams' message action takes too, no dialog.
      const capture: CaptureTurn = { run: getRunContext(context), parse: parseContextOf(context), switchOnPick: true };
      if (turn.source === 'shortcut') {
        await openLogMessageModal(turn, capture, { api, directory, workspace, logger: this.deps.logger });
        return;
      }
      const value = (activity.value ?? {}) as Record<string, unknown>;
      const answer = await answerCapture(turn, value, capture, turn.source === 'action');
      if (!answer) return;
      const { outcome } = answer;
      // The form again (another kind, or a field to correct) in the same modal; saved → the outcome
      // in the modal and the confirmation in the message's thread (the turn's thread).
      await context.sendActivity('form' in outcome
        ? { type: 'message', channelData: { slack: captureReply(outcome.form, answer.kind, turn) } }
        : new SlackPresenter().reply(outcome.saved));
      return;
    }
    await runDialogs(context, this.deps.conversationState, this.deps.dialogs);
  }
}
