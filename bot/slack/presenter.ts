import type { Activity } from 'botbuilder';
import {
  confirmationMessage, errorMessage, escapeMrkdwn, formMessage, helpMessage, itemMessage, listMessage, mineMessage, savedMessage, statusMessage,
  type SlackMessage, type SlackModalView,
} from '../../cards/blocks';
import type { ConfirmationView, FormView, ListView } from '../../core/view-models';
import type { ExportSpec } from '../../core/runner/export-spec';
import type { Reply } from '../../core/runner/types';
import type { Presenter } from '../../dialogs/presenter';
import { LINK_TTL_MS, type ExportLinks } from '../files';

/** What a Slack reply carries on its activity (`channelData.slack`); the delivery decides the surface. */
export type SlackReply =
  | { kind: 'message'; message: SlackMessage; announce?: boolean; list?: ListView }
  | { kind: 'form'; message: SlackMessage; form: FormView; prompt: string }
  | { kind: 'confirmation'; message: SlackMessage; confirmation: ConfirmationView }
  // An export: the delivery makes the CSV and uploads it; `link` is a signed download link (PUBLIC_URL set).
  | { kind: 'file'; message: SlackMessage; export: ExportSpec; link?: string }
  // A modal of the door's own (the message shortcut's form), put in place of the one the turn came from.
  | { kind: 'modal'; message: SlackMessage; view: SlackModalView };

/** A plain line as a message: mrkdwn-escaped, so user text never becomes a mention or a link. */
export function textMessage(text: string): SlackMessage {
  const escaped = escapeMrkdwn(text);
  return { text: escaped, blocks: escaped ? [{ type: 'section', text: { type: 'mrkdwn', text: escaped.slice(0, 3000) } }] : [] };
}

function activityOf(reply: SlackReply): Partial<Activity> {
  return { type: 'message', text: reply.message.text, channelData: { slack: reply } };
}

/** A line about an export, and its download link (mrkdwn `<url|name>`, Slack's escapes applied) when there is one. */
export function fileMessage(line: string, link?: string, minutes?: number): SlackMessage {
  const message = textMessage(line);
  if (!link) return message;
  const url = escapeMrkdwn(link);
  const linkLine = `Download link, valid for ${minutes ?? LINK_TTL_MS / 60_000} minutes: <${url}|download the CSV>`;
  return { text: `${message.text}\n${linkLine}`, blocks: [...message.blocks, { type: 'section', text: { type: 'mrkdwn', text: linkLine } }] };
}

/** The Slack face of the shared dialogs' answers: Block Kit from the same view models as the Teams cards. */
export class SlackPresenter implements Presenter {
  /** `links`: signs a download link for each export, when PUBLIC_URL is set. */
  constructor(private readonly links?: ExportLinks) {}

  reply(reply: Reply): Partial<Activity> {
    switch (reply.type) {
      case 'saved':
        return activityOf({ kind: 'message', message: savedMessage(reply.view), announce: true });
      case 'item':
        return activityOf({ kind: 'message', message: itemMessage(reply.view, reply.history) });
      case 'list':
        return activityOf({ kind: 'message', message: listMessage(reply.view), list: reply.view });
      case 'status':
        return activityOf({ kind: 'message', message: statusMessage(reply.view, { replaced: reply.replaced, shown: reply.shown }), announce: !reply.shown });
      case 'help':
        return activityOf({ kind: 'message', message: helpMessage(reply.view) });
      case 'error':
        return activityOf({ kind: 'message', message: errorMessage(reply.view) });
      case 'text':
        return this.text(reply.text);
      case 'mine':
        return activityOf({ kind: 'message', message: mineMessage(reply.view) });
      case 'file': {
        const link = this.links?.url(reply.export);
        return activityOf({ kind: 'file', message: fileMessage(`Here is ${reply.filename}.`, link, this.links?.minutes), export: reply.export, link });
      }
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
