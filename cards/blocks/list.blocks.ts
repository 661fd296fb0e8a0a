// A register view (`list risks|issues|changes ...`) as pages of compact rows, each with a Show button.
import { KIND_PLURAL, OVERDUE_MARK, humanize } from '../style';
import { TEXT_LIMITS } from '../text';
import { CARD_VERBS } from '../verbs';
import type { ItemView, ListView } from '../../core/view-models';
import { LIST_PAGE_VERB, buttonMaker, type ListPageData, type MakeButton } from './buttons';
import { actions, capBlocks, context, fallbackText, header, section } from './layout';
import { levelText } from './style';
import { mrkdwnLine } from './text';
import { BLOCK_LIMITS, type KnownBlock, type SectionBlock, type SlackMessage } from './types';

export const LIST_PAGE_SIZE = 20;
/** One section per row, so a page leaves room for heading, count, note and buttons under 50 blocks. */
export const LIST_PAGE_SIZE_MAX = 40;
/** The most rows a list can page through (the list service returns at most 200); past it, narrow the filter. */
export const LIST_REACHABLE = 200;

export interface ListMessageOptions {
  /** 1-based; out of range is brought into range. */
  page?: number;
  pageSize?: number;
  /** The typed list command, carried by the page buttons so the transport can run it again. */
  command?: string;
}

function within(value: number | undefined, min: number, max: number, fallback: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.floor(value)));
}

function row(item: ItemView, button: MakeButton): SectionBlock {
  const details = [levelText(item)];
  if (item.due) details.push(`due ${mrkdwnLine(item.due, TEXT_LIMITS.name)}`);
  if (item.overdue) details.push(`*${OVERDUE_MARK}*`);
  if (item.ownerName) details.push(`owner ${mrkdwnLine(item.ownerName, TEXT_LIMITS.name)}`);
  details.push(mrkdwnLine(item.project, TEXT_LIMITS.name), mrkdwnLine(humanize(item.status), TEXT_LIMITS.name));
  const title = `*${mrkdwnLine(item.key, TEXT_LIMITS.name)}* ${mrkdwnLine(item.title, TEXT_LIMITS.rowTitle)}`;
  return section(`${title}\n${details.filter(Boolean).join(' · ')}`, button('Show', { verb: CARD_VERBS.showItem, key: item.key }));
}

const noun = (view: ListView, n: number): string => {
  const plural = KIND_PLURAL[view.kind] ?? 'items';
  return `${n} ${n === 1 ? plural.replace(/s$/, '') : plural}`;
};

export function listMessage(view: ListView, opts: ListMessageOptions = {}): SlackMessage {
  const button = buttonMaker();
  const size = within(opts.pageSize, 1, LIST_PAGE_SIZE_MAX, LIST_PAGE_SIZE);
  const total = Math.max(Number.isFinite(view.total) ? view.total : 0, view.items.length);
  const page = within(opts.page, 1, Math.max(1, Math.ceil(view.items.length / size)), 1);
  const start = (page - 1) * size;
  const rows = view.items.slice(start, start + size);
  const end = start + rows.length;
  const what = KIND_PLURAL[view.kind] ?? 'items';

  const blocks: KnownBlock[] = [header(`${humanize(what)}${view.filters ? ` — ${view.filters}` : ''}`)];
  if (total === 0) blocks.push(context(`No matching ${what}.`));
  else if (rows.length === total || rows.length === 0) blocks.push(context(noun(view, total)));
  else blocks.push(context(`Showing ${start + 1}–${end} of ${total}`));
  blocks.push(...rows.map((item) => row(item, button)));

  // The run behind a page button fetches that page's rows (core/runner listRowsFor: page × size, up
  // to LIST_REACHABLE), so pages up to LIST_REACHABLE can be offered. A run that gave fewer rows
  // than the page asked for cannot page any further: nothing past what it gave is offered.
  const asked = within(opts.page, 1, Number.MAX_SAFE_INTEGER, 1) * size;
  const fetchedAll = view.items.length >= Math.min(total, asked, LIST_REACHABLE);
  const reachable = fetchedAll ? Math.min(total, Math.max(view.items.length, LIST_REACHABLE)) : view.items.length;
  if (end >= reachable && total > end) blocks.push(context(`_…and ${total - end} more — narrow with project=KEY or mine_`));
  const command = opts.command && JSON.stringify(opts.command).length < BLOCK_LIMITS.value / 2 ? { command: opts.command } : {};
  const pageData = (n: number): ListPageData => ({ verb: LIST_PAGE_VERB, kind: view.kind, page: n, pageSize: size, ...command });
  blocks.push(...actions([
    page > 1 ? button('Previous', pageData(page - 1)) : undefined,
    end < reachable ? button(`More (${end + 1}–${Math.min(end + size, reachable)} of ${total})`, pageData(page + 1)) : undefined,
  ]));
  return { text: fallbackText(noun(view, total)), blocks: capBlocks(blocks, BLOCK_LIMITS.messageBlocks) };
}
