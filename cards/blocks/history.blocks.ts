// The latest entries of an item's change history, newest first, one small line each.
import { HISTORY_SHOWN } from '../history';
import { humanize } from '../style';
import { NONE, TEXT_LIMITS } from '../text';
import type { HistoryEntryView } from '../view-models';
import { context, section } from './layout';
import { mrkdwnLine, slackDate } from './text';
import type { KnownBlock } from './types';

/** What changed, in the words of the Teams card (cards/history.ts), escaped for mrkdwn. */
function change(entry: HistoryEntryView): string {
  const to = mrkdwnLine(entry.to, TEXT_LIMITS.history);
  switch (entry.action) {
    case 'created':
      return 'created';
    case 'updated': {
      const field = mrkdwnLine(humanize(entry.field ?? 'field'), TEXT_LIMITS.name);
      return `${field}: ${mrkdwnLine(entry.from, TEXT_LIMITS.history) || NONE} → ${to || NONE}`;
    }
    case 'closed':
      return to ? `closed: ${to}` : 'closed';
    case 'escalated':
      if (!to) return 'escalated';
      return entry.field === 'escalatedFrom' ? `escalated from ${to}` : `escalated to ${to}`;
    case 'commented':
      return `commented: ${to || NONE}`;
    default:
      return mrkdwnLine(String(entry.action), TEXT_LIMITS.name) || NONE;
  }
}

export function historyBlocks(history: readonly HistoryEntryView[]): KnownBlock[] {
  if (history.length === 0) return [];
  const time = (entry: HistoryEntryView): number => Date.parse(entry.at) || 0;
  const latest = [...history].sort((a, b) => time(b) - time(a)).slice(0, HISTORY_SHOWN);
  const lines = latest.map((entry) => {
    const when = slackDate(entry.at) ?? (mrkdwnLine(entry.at, 40) || NONE);
    return context(`*${when}* · ${mrkdwnLine(entry.byName, TEXT_LIMITS.name)} · ${change(entry)}`);
  });
  const hidden = history.length - latest.length;
  const more = hidden > 0 ? [context(`_…and ${hidden} earlier change${hidden === 1 ? '' : 's'}_`)] : [];
  return [section('*History*'), ...lines, ...more];
}
