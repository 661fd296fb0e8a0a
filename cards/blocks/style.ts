// Slack has no coloured text, so ratings, priorities, decisions and RAG get a coloured emoji instead.
import type { Decision, Priority, Rag, RiskRating } from '../../core/domain';
import { itemLevel } from '../item-sections';
import type { ItemView } from '../../core/view-models';

export const LEVEL_EMOJI: Record<RiskRating | Priority, string> = { low: '🟢', medium: '🟡', high: '🟠', critical: '🔴' };
export const DECISION_EMOJI: Record<Decision, string> = { pending: '⏳', approved: '✅', rejected: '❌', deferred: '⏸️' };
export const RAG_EMOJI: Record<Rag, string> = { red: '🔴', amber: '🟠', green: '🟢' };

/** `🔴 Critical · score 20`, `🟠 High priority`, `✅ Approved` (no user text in it). */
export function levelText(item: ItemView): string {
  const emoji =
    item.kind === 'risk' ? LEVEL_EMOJI[item.rating]
    : item.kind === 'issue' ? LEVEL_EMOJI[item.priority]
    : item.kind === 'change' ? DECISION_EMOJI[item.decision]
    : item.overdue ? '🔴' : undefined;
  return `${emoji ?? '⚪'} ${itemLevel(item).text}`;
}
