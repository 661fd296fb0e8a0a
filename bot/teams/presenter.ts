import { CardFactory, type Activity, type Attachment } from 'botbuilder';
import {
  confirmationCard, errorCard, formCard, helpCard, itemCard, itemHeadline, listCard, mineCard, savedCard, statusCard,
  type AdaptiveCard, type ConfirmationView, type FormView,
} from '../../cards';
import { mineSummary } from '../../cards/mine-format';
import { nounsOf } from '../../core/registers';
import type { Reply } from '../../core/runner/types';
import type { Presenter } from '../../dialogs/presenter';
import { pendingExportActivity } from './export-delivery';

const card = (c: AdaptiveCard): Attachment => CardFactory.adaptiveCard(c);

function withCard(text: string, c: AdaptiveCard): Partial<Activity> {
  return { type: 'message', text, attachments: [card(c)] };
}

/** Teams renders replies as Adaptive Cards, with a plain-text line for notifications and screen readers. */
export class TeamsPresenter implements Presenter {
  reply(reply: Reply): Partial<Activity> {
    switch (reply.type) {
      case 'saved':
        return withCard(`${savedVerb(reply.view.outcome)} ${itemHeadline(reply.view.item)}${reply.view.note ? ` — ${reply.view.note}` : ''}`, savedCard(reply.view));
      case 'item':
        return withCard(itemHeadline(reply.view), itemCard(reply.view, reply.history));
      case 'list':
        return withCard(countOf(reply.view.total, nounsOf(reply.view.kind).singular), listCard(reply.view));
      case 'status':
        return withCard(`${reply.shown ? 'Latest' : reply.replaced ? 'Updated' : 'Saved'} status for ${reply.view.project} (${reply.view.period})`, statusCard(reply.view));
      case 'help':
        return withCard(reply.view.title, helpCard(reply.view));
      case 'error':
        return withCard(reply.view.message, errorCard(reply.view));
      case 'text':
        return { type: 'message', text: reply.text };
      case 'mine':
        return withCard(mineSummary(reply.view), mineCard(reply.view));
      case 'file':
        // Delivered by PmoBot as it is sent: a consent card in the personal chat, or a download link.
        return pendingExportActivity(reply.export);
    }
  }

  form(view: FormView, prompt: string): Partial<Activity> {
    return withCard(prompt, formCard(view));
  }

  confirmation(view: ConfirmationView): Partial<Activity> {
    return withCard(`Save this ${view.command}?`, confirmationCard(view));
  }

  text(text: string): Partial<Activity> {
    return { type: 'message', text };
  }
}

function countOf(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function savedVerb(outcome: string): string {
  switch (outcome) {
    case 'created':
      return 'Saved';
    case 'updated':
      return 'Updated';
    case 'closed':
      return 'Closed';
    case 'approved':
      return 'Approved';
    case 'rejected':
      return 'Rejected';
    default:
      return 'Escalated';
  }
}
