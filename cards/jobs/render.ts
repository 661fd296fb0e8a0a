// One job message → what each platform shows: an Adaptive Card and its summary line, or Slack text and blocks.
// bot/teams/job-activity.ts wraps the card in a Bot Framework activity.
import type { AdaptiveCard } from '../adaptive';
import type { HeatCounts, JobMessage } from '../../core/job-views';
import { digestCard, digestProjectsCard, digestSummary } from './digest.card';
import { digestBlocks, digestBriefBlocks, digestProjectsBlocks, digestThreadBlocks } from './digest.blocks';
import { weekLabel } from './format';
import { nudgeCard, nudgeSummary } from './nudge.card';
import { nudgeBlocks } from './nudge.blocks';
import { noticeCard, noticeSummary } from './notice.card';
import { noticeBlocks } from './notice.blocks';
import { reminderCard, reminderSummary } from './reminder.card';
import { reminderBlocks } from './reminder.blocks';
import { scorecardCard } from './scorecard.card';
import { scorecardBlocks } from './scorecard.blocks';
import { scorecardSummary } from './scorecard-format';
import { escalationCard } from './escalation.card';
import { escalationBlocks } from './escalation.blocks';
import { escalationSummary } from './escalation-format';
import { escapeMrkdwn, type Block } from './slack-kit';

/** How images are linked: a signed public URL for the heat map (bot/files), when PUBLIC_URL is set. */
export interface JobRenderOptions {
  heatMapUrl?: (counts: HeatCounts) => string | undefined;
}

/** The one-line summary of a message: the Teams text and notification, the Slack fallback text. */
export function jobMessageSummary(message: JobMessage): string {
  switch (message.kind) {
    case 'digest':
      return digestSummary(message.view);
    case 'digest_thread':
      return `${message.view.portfolioKey} digest details, ${weekLabel(message.view.period)}`;
    case 'digest_projects': {
      const { view } = message;
      return `${view.portfolioKey} projects ${view.firstRank}–${view.firstRank + view.projects.length - 1} of ${view.totalProjects}`;
    }
    case 'pm_reminder':
    case 'owner_reminder':
      return reminderSummary(message.view);
    case 'nudge':
      return nudgeSummary(message.view);
    case 'notice':
      return noticeSummary(message.view);
    case 'scorecard':
      return scorecardSummary(message.view);
    case 'escalation':
      return escalationSummary(message.view);
  }
}

export function jobMessageCard(message: JobMessage, options: JobRenderOptions = {}): AdaptiveCard {
  switch (message.kind) {
    case 'digest':
    case 'digest_thread':
      return digestCard(message.view, options.heatMapUrl);
    case 'digest_projects':
      return digestProjectsCard(message.view);
    case 'pm_reminder':
    case 'owner_reminder':
      return reminderCard(message.view);
    case 'nudge':
      return nudgeCard(message.view);
    case 'notice':
      return noticeCard(message.view);
    case 'scorecard':
      return scorecardCard(message.view);
    case 'escalation':
      return escalationCard(message.view);
  }
}

function jobMessageBlocks(message: JobMessage, options: JobRenderOptions): Block[] {
  switch (message.kind) {
    case 'digest':
      return message.brief ? digestBriefBlocks(message.view) : digestBlocks(message.view, options.heatMapUrl);
    case 'digest_thread':
      return digestThreadBlocks(message.view, options.heatMapUrl);
    case 'digest_projects':
      return digestProjectsBlocks(message.view);
    case 'pm_reminder':
    case 'owner_reminder':
      return reminderBlocks(message.view);
    case 'nudge':
      return nudgeBlocks(message.view);
    case 'notice':
      return noticeBlocks(message.view);
    case 'scorecard':
      return scorecardBlocks(message.view);
    case 'escalation':
      return escalationBlocks(message.view);
  }
}

export function renderJobMessageForSlack(message: JobMessage, options: JobRenderOptions = {}): { text: string; blocks: Record<string, unknown>[] } {
  return { text: escapeMrkdwn(jobMessageSummary(message)), blocks: jobMessageBlocks(message, options) };
}
