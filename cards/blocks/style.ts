// Slack has no coloured text, so ratings, priorities, decisions and RAG get a coloured emoji instead.
import type { Decision, Priority, Rag, RiskRating } from '../../core/domain';
import type { Tone } from '../../core/registers';
import { itemTone } from '../item-sections';
import type { ItemView } from '../../core/view-models';

export const LEVEL_EMOJI: Record<RiskRating | Priority, string> = { low: '🟢', medium: '🟡', high: '🟠', critical: '🔴' };
export const DECISION_EMOJI: Record<Decision, string> = { pending: '⏳', approved: '✅', rejected: '❌', deferred: '⏸️' };
export const RAG_EMOJI: Record<Rag, string> = { red: '🔴', amber: '🟠', green: '🟢' };

/** An item's level emoji, whatever its kind's descriptor calls it (core/registers Tone). */
const TONE_EMOJI: Record<Tone, string> = { ...LEVEL_EMOJI, ...DECISION_EMOJI, late: '🔴', plain: '⚪' };

/** `🔴 Critical · score 20`, `🟠 High priority`, `✅ Approved` (no user text in it). */
export function levelText(item: ItemView): string {
  const { text, tone } = itemTone(item);
  return `${TONE_EMOJI[tone]} ${text}`;
}
