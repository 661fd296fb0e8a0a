import type { Activity } from 'botbuilder';
import {
  confirmationMessage, errorMessage, escapeMrkdwn, formMessage, helpMessage, itemMessage, listMessage, savedMessage, statusMessage,
  type SlackMessage,
} from '../../cards/blocks';
import type { ConfirmationView, FormView, ListView } from '../../cards/view-models';
import type { Reply } from '../../core/runner/types';
import type { Presenter } from '../../dialogs/presenter';

/** What a Slack reply carries on its activity (`channelData.slack`); the delivery decides the surface. */
export type SlackReply =
  | { kind: 'message'; message: SlackMessage; announce?: boolean; list?: ListView }
  | { kind: 'form'; message: SlackMessage; form: FormView; prompt: string }
  | { kind: 'confirmation'; message: SlackMessage; confirmation: ConfirmationView }
  | { kind: 'file'; message: SlackMessage; file: { filename: string; contentType: string; content: string } };

/** A plain line as a message: mrkdwn-escaped, so user text never becomes a mention or a link. */
export function textMessage(text: string): SlackMessage {
  const escaped = escapeMrkdwn(text);
  return { text: escaped, blocks: escaped ? [{ type: 'section', text: { type: 'mrkdwn', text: escaped.slice(0, 3000) } }] : [] };
}

function activityOf(reply: SlackReply): Partial<Activity> {
  return { type: 'message', text: reply.message.text, channelData: { slack: reply } };
}

/** The Slack face of the shared dialogs' answers: Block Kit from the same view models as the Teams cards. */
export class SlackPresenter implements Presenter {
  reply(reply: Reply): Partial<Activity> {
    switch (reply.type) {
      case 'saved':
        return activityOf({ kind: 'message', message: savedMessage(reply.view), announce: true });
      case 'item':
        return activityOf({ kind: 'message', message: itemMessage(reply.view, reply.history) });
      case 'list':
        return activityOf({ kind: 'message', message: listMessage(reply.view), list: reply.view });
      case 'status':
        return activityOf({ kind: 'message', message: statusMessage(reply.view, { replaced: reply.replaced }), announce: true });
      case 'help':
        return activityOf({ kind: 'message', message: helpMessage(reply.view) });
      case 'error':
        return activityOf({ kind: 'message', message: errorMessage(reply.view) });
      case 'text':
        return this.text(reply.text);
      case 'file':
        return activityOf({
          kind: 'file',
          message: textMessage(`Here is ${reply.filename}.`),
          file: { filename: reply.filename, contentType: reply.contentType, content: reply.content },
        });
    }
  }

  form(view: FormView, prompt: string): Partial<Activity> {
    return activityOf({ kind: 'form', message: formMessage(view, prompt), form: view, prompt });
  }

  confirmation(view: ConfirmationView): Partial<Activity> {
    return activityOf({ kind: 'confirmation', message: confirmationMessage(view), confirmation: view });
  }

  text(text: string): Partial<Activity> {
    return activityOf({ kind: 'message', message: textMessage(text) });
  }
}

/** The Slack reply on an activity some dialog sent; a bare text activity becomes a plain message. */
export function slackReplyOf(activity: Partial<Activity>): SlackReply {
  const reply = (activity.channelData as { slack?: SlackReply } | undefined)?.slack;
  if (reply && typeof reply === 'object' && 'kind' in reply) return reply;
  return { kind: 'message', message: textMessage(activity.text ?? '') };
}
