// Buttons carry the same `data` as the Adaptive Card Action.Submit they stand for, as JSON in `value`.
import { ITEM_KINDS, type ItemKind } from '../../core/domain';
import { isCardActionData, type CardActionData } from '../verbs';
import { plain, plainLine } from './text';
import { BLOCK_LIMITS, type ButtonElement } from './types';

/** Slack-only: a list's next (or previous) page. Teams lists do not page. */
export const LIST_PAGE_VERB = 'pmo.list.page';

export interface ListPageData {
  verb: typeof LIST_PAGE_VERB;
  kind: ItemKind;
  page: number; // 1-based
  pageSize: number;
  /** The list command to run again (`list risks overdue project=APOLLO`), when the caller gave it. */
  command?: string;
}

export type ButtonData = CardActionData | ListPageData;

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 1;

export function isListPageData(value: unknown): value is ListPageData {
  if (typeof value !== 'object' || value === null) return false;
  const data = value as Record<string, unknown>;
  return data.verb === LIST_PAGE_VERB
    && ITEM_KINDS.includes(data.kind as ItemKind)
    && isCount(data.page)
    && isCount(data.pageSize)
    && (data.command === undefined || typeof data.command === 'string');
}

/** A button factory for one message: action ids are `${verb}:${n}`, n counting the message's buttons. */
export type MakeButton = (label: string, data: ButtonData, style?: ButtonElement['style']) => ButtonElement | undefined;

export function buttonMaker(): MakeButton {
  let n = 0;
  return (label, data, style) => {
    const value = JSON.stringify(data);
    // Data is ours (verbs, keys, field ids), so this only guards against an absurdly long key.
    if (value.length > BLOCK_LIMITS.value) return undefined;
    const button: ButtonElement = {
      type: 'button',
      text: plain(plainLine(label, BLOCK_LIMITS.buttonText) || data.verb),
      action_id: `${data.verb}:${n}`,
      value,
      ...(style ? { style } : {}),
    };
    n += 1;
    return button;
  };
}

/** The `data` a button of ours carried (as a Teams card action would), or undefined for anything else. */
export function actionData(action: { action_id: string; value?: string }): Record<string, unknown> | undefined {
  if (typeof action.value !== 'string' || action.value.length > BLOCK_LIMITS.value) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(action.value);
  } catch {
    return undefined;
  }
  if (!isCardActionData(data) && !isListPageData(data)) return undefined;
  const [verb, n, ...rest] = String(action.action_id).split(':');
  if (verb !== data.verb || !/^\d+$/.test(n ?? '') || rest.length > 0) return undefined;
  return data as unknown as Record<string, unknown>;
}
