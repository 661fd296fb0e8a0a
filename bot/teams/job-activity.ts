// A job message as a Bot Framework activity: the summary line as text and notification, the card attached.
import { CardFactory, type Activity } from 'botbuilder';
import { jobMessageCard, jobMessageSummary, type JobRenderOptions } from '../../cards/jobs';
import type { JobMessage } from '../../jobs/types';

export function renderJobMessageForTeams(message: JobMessage, options: JobRenderOptions = {}): Partial<Activity> {
  const text = jobMessageSummary(message);
  return { type: 'message', text, summary: text, attachments: [CardFactory.adaptiveCard(jobMessageCard(message, options))] };
}
