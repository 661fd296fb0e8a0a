// Colours and labels for ratings, priorities, decisions and RAG, shared by every card.
import { ITEM_KINDS, type Decision, type IssueType, type ItemKind, type Priority, type Rag, type RiskRating } from '../core/domain';
import { nounsOf } from '../core/registers';
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

const byKind = (pick: (kind: ItemKind) => string) => Object.fromEntries(ITEM_KINDS.map((kind) => [kind, pick(kind)])) as Record<ItemKind, string>;
/** `Change request`; `change requests`: from each kind's descriptor. */
export const KIND_LABEL = byKind((kind) => nounsOf(kind).label);
export const KIND_PLURAL = byKind((kind) => nounsOf(kind).plural);

export const ISSUE_TYPE_LABEL: Record<IssueType, string> = {
  problem: 'Problem/concern',
  request_for_change: 'Request for change',
  off_specification: 'Off-specification',
};

export const OVERDUE_MARK = '⚠ Overdue';

/** 'in_progress' → 'In progress'. */
export function humanize(value: string): string {
  const text = value.replace(/_/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
}
