// The latest entries of an item's change history, newest first.
import { textBlock, type CardElement } from './adaptive';
import { humanize } from './style';
import { NONE, TEXT_LIMITS, inlineText } from './text';
import type { HistoryEntryView } from '../core/view-models';

export const HISTORY_SHOWN = 10;

/**
 * Teams renders {{DATE()}}/{{TIME()}} in the reader's own time zone and locale; it needs the strict
 * RFC 3339 form without milliseconds, so anything else is shown as given.
 */
export function when(at: string): string {
  const time = Date.parse(at);
  if (Number.isNaN(time)) return inlineText(at, 40);
  const iso = new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `{{DATE(${iso}, SHORT)}} {{TIME(${iso})}}`;
}

/** One piece of user text as a platform shows it in a line: cleaned, clipped to `max`, escaped. */
export type LineText = (text: string | undefined, max: number) => string;

/** What changed, in words shared by Teams and Slack; its user text goes through `line`. */
export function changeText(entry: HistoryEntryView, line: LineText): string {
  const to = line(entry.to, TEXT_LIMITS.history);
  switch (entry.action) {
    case 'created':
      return entry.field === 'message' && entry.from ? `logged from a message by ${line(entry.from, TEXT_LIMITS.name)}` : 'created';
    case 'updated': {
      const field = line(humanize(entry.field ?? 'field'), TEXT_LIMITS.name);
      return `${field}: ${line(entry.from, TEXT_LIMITS.history) || NONE} → ${to || NONE}`;
    }
    case 'closed':
      return to ? `closed: ${to}` : 'closed';
    case 'escalated':
      // The new item's side records where it came from: an issue escalatedFrom a risk, a change raisedFrom an issue.
      if (!to) return 'escalated';
      if (entry.field === 'raisedFrom') return `raised from ${to}`;
      return entry.field === 'escalatedFrom' ? `escalated from ${to}` : `escalated to ${to}`;
    default:
      // An action stored by a newer version: its name, rather than nothing.
      return line(String(entry.action), TEXT_LIMITS.name) || NONE;
  }
}

/** The entries shown, newest first, and how many older ones are left out. */
export function latestHistory(history: readonly HistoryEntryView[], shown = HISTORY_SHOWN): { latest: HistoryEntryView[]; hidden: number } {
  const time = (entry: HistoryEntryView): number => Date.parse(entry.at) || 0;
  const latest = [...history].sort((a, b) => time(b) - time(a)).slice(0, shown);
  return { latest, hidden: history.length - latest.length };
}

/** The note under the shown entries (plain words, no user text). */
export function earlierChanges(hidden: number): string {
  return `…and ${hidden} earlier change${hidden === 1 ? '' : 's'}`;
}

export function historySection(history: readonly HistoryEntryView[], shown = HISTORY_SHOWN): CardElement[] {
  if (history.length === 0) return [];
  const { latest, hidden } = latestHistory(history, shown);
  const lines = latest.map((entry) =>
    textBlock(`**${when(entry.at)}** · ${inlineText(entry.byName, TEXT_LIMITS.name)} · ${changeText(entry, inlineText)}`, {
      size: 'small',
      spacing: 'small',
    }),
  );
  const more = hidden > 0 ? [textBlock(earlierChanges(hidden), { size: 'small', isSubtle: true, spacing: 'small' })] : [];
  return [textBlock('History', { weight: 'bolder', spacing: 'large', separator: true }), ...lines, ...more];
}
