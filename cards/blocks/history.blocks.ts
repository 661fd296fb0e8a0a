// The latest entries of an item's change history, newest first, one small line each.
import { changeText, earlierChanges, latestHistory } from '../history';
import { NONE, TEXT_LIMITS } from '../text';
import type { HistoryEntryView } from '../../core/view-models';
import { context, section } from './layout';
import { mrkdwnLine, slackDate } from './text';
import type { KnownBlock } from './types';

/** The Teams card's history (cards/history.ts), its user text escaped for mrkdwn. */
export function historyBlocks(history: readonly HistoryEntryView[]): KnownBlock[] {
  if (history.length === 0) return [];
  const { latest, hidden } = latestHistory(history);
  const lines = latest.map((entry) => {
    const when = slackDate(entry.at) ?? (mrkdwnLine(entry.at, 40) || NONE);
    return context(`*${when}* · ${mrkdwnLine(entry.byName, TEXT_LIMITS.name)} · ${changeText(entry, mrkdwnLine)}`);
  });
  const more = hidden > 0 ? [context(`_${earlierChanges(hidden)}_`)] : [];
  return [section('*History*'), ...lines, ...more];
}
