// Words the `mine` card, its Block Kit message and the Slack App Home share.
import type { MineView } from '../core/mine-view';

export function mineTitle(view: MineView): string {
  return `What needs you${view.displayName ? `, ${view.displayName}` : ''}`;
}

export function mineSummary(view: MineView): string {
  const parts = [
    view.overdueTotal > 0 ? `${view.overdueTotal} overdue` : '',
    view.dueThisWeekTotal > 0 ? `${view.dueThisWeekTotal} due this week` : '',
    view.missingUpdates.length > 0 ? `${view.missingUpdates.length} status update${view.missingUpdates.length === 1 ? '' : 's'} missing` : '',
    view.decisionsTotal > 0 ? `${view.decisionsTotal} change${view.decisionsTotal === 1 ? '' : 's'} to decide` : '',
  ].filter(Boolean);
  return `${mineTitle(view)}: ${parts.length > 0 ? parts.join(', ') : 'nothing right now'}`;
}

export const MINE_SECTIONS = {
  overdue: (n: number) => `Overdue (${n})`,
  due: (n: number, weekEnd: string) => `Due this week, to ${weekEnd} (${n})`,
  missing: (n: number, period: string) => `Status updates missing for ${period} (${n})`,
  decisions: (n: number) => `Changes awaiting your decision (${n})`,
};

export const MINE_MORE = {
  overdue: 'list risks mine overdue (or issues, changes, actions, decisions)',
  due: 'list risks mine (or issues, changes, actions, decisions)',
  decisions: 'list changes',
};

export const MINE_NOTHING = 'Nothing needs you right now: nothing overdue or due this week, every update in, no change waiting on you.';
