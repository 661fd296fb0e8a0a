// Colours and labels for ratings, priorities, decisions and RAG, shared by every card.
import { ITEM_KINDS, type Decision, type ItemKind, type Priority, type Rag, type RiskRating } from '../core/domain';
import { nounsOf, type Tone } from '../core/registers';
import type { TextColor } from './adaptive';

/** Low/medium/high/critical read the same way for risk ratings and issue priorities. */
export const LEVEL_COLOR: Record<RiskRating | Priority, TextColor> = {
  low: 'good',
  medium: 'warning',
  high: 'attention',
  critical: 'attention',
};

export const RAG_COLOR: Record<Rag, TextColor> = { red: 'attention', amber: 'warning', green: 'good' };
export const RAG_LABEL: Record<Rag, string> = { red: 'Red', amber: 'Amber', green: 'Green' };

export const DECISION_COLOR: Record<Decision, TextColor> = {
  pending: 'default',
  approved: 'good',
  rejected: 'attention',
  deferred: 'warning',
};

/** An item's level colour, whatever its kind's descriptor calls it (core/registers Tone). */
export const TONE_COLOR: Record<Tone, TextColor> = { ...LEVEL_COLOR, ...DECISION_COLOR, late: 'attention', plain: 'default' };

const byKind = (pick: (kind: ItemKind) => string) => Object.fromEntries(ITEM_KINDS.map((kind) => [kind, pick(kind)])) as Record<ItemKind, string>;
/** `Change request`; `change requests`: from each kind's descriptor. */
export const KIND_LABEL = byKind((kind) => nounsOf(kind).label);
export const KIND_PLURAL = byKind((kind) => nounsOf(kind).plural);

export { ISSUE_TYPE_LABEL } from '../core/registers';

export const OVERDUE_MARK = '⚠ Overdue';

export { humanize } from '../core/registers';
