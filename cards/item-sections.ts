// The parts of an item shown by several cards: headline, level, facts, texts and related links.
import { textBlock, submit, type CardElement, type Fact, type SubmitAction, type TextColor } from './adaptive';
import { KIND_LABEL, OVERDUE_MARK, TONE_COLOR, humanize } from './style';
import { TEXT_LIMITS, blockText, inlineText, plainText } from './text';
import { CARD_VERBS, type CardActionData } from './verbs';
import { ITEM_ACTIONS, type ItemAction, type ItemView } from '../core/view-models';
import { nounsOf, parseItemKey, registerOf, RELATED_FIELDS, type Tone } from '../core/registers';

/** `R-7 Vendor API may slip`, the confirmation line of SPEC §3 (plain text, for messages). */
export function itemHeadline(item: ItemView): string {
  return `${item.key} ${item.title.replace(/\s+/g, ' ').trim()}`;
}

/** The item's level in a few words and its tone (score for risks, priority for issues…), from its kind's descriptor. */
export function itemTone(item: ItemView): { text: string; tone: Tone } {
  return registerOf(item.kind).card.level?.(item) ?? { text: humanize(item.status), tone: item.overdue ? 'late' : 'plain' };
}

/** The item's level and its colour. */
export function itemLevel(item: ItemView): { text: string; color: TextColor } {
  const { text, tone } = itemTone(item);
  return { text, color: TONE_COLOR[tone] };
}

export function itemHeader(item: ItemView): CardElement[] {
  const level = itemLevel(item);
  const elements: CardElement[] = [
    textBlock(`${inlineText(item.key, TEXT_LIMITS.name)} ${inlineText(item.title, TEXT_LIMITS.headline)}`, { size: 'large', weight: 'bolder', style: 'heading' }),
    textBlock(`${KIND_LABEL[item.kind]} · ${inlineText(item.project, TEXT_LIMITS.name)} · ${inlineText(humanize(item.status))}`, {
      isSubtle: true,
      spacing: 'none',
    }),
    textBlock(level.text, { color: level.color, weight: 'bolder', spacing: 'small' }),
  ];
  if (item.overdue) {
    const due = item.due ? ` (due ${inlineText(item.due)})` : '';
    elements.push(textBlock(`${OVERDUE_MARK}${due}`, { color: 'attention', weight: 'bolder', spacing: 'small' }));
  }
  return elements;
}

/**
 * One fact about an item, raw (not escaped): each platform escapes and clips it its own way.
 * `name` marks a person's or project's name, which Teams clips shorter than other values.
 */
export interface ItemFact {
  title: string;
  value: string;
  name: boolean;
  /** A checked https URL the value links to (the source message); each platform writes the link its own way. */
  link?: string;
}

/**
 * A URL we are willing to write into a card's link: https only, parseable, and free of spaces,
 * angle brackets, brackets, parentheses, pipes and quotes, which would break out of a Markdown
 * `[text](url)` or a Slack `<url|text>`. Anything else is not linked at all.
 */
export function linkableUrl(url: string | undefined): string | undefined {
  if (!url || url.length > 2000 || !/^https:\/\/[^\s<>()[\]|"'`\\]+$/.test(url)) return undefined;
  try {
    return new URL(url).protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** "Source: the message", linking to the chat message the item was logged from (only when its URL is safe to link). */
function sourceFact(item: ItemView): ItemFact[] {
  const link = linkableUrl(item.sourceUrl);
  return link ? [{ title: 'Source', value: 'the message', name: false, link }] : [];
}

function fact(title: string, value: string | number | undefined, kind?: 'name'): ItemFact[] {
  if (value === undefined || value === '') return [];
  return [{ title, value: String(value), name: kind === 'name' }];
}

/** What the card tells about an item, in the order shown: common facts first, then the kind's own (its descriptor's). */
export function itemFactList(item: ItemView): ItemFact[] {
  const common = [
    ...fact('Project', item.project, 'name'),
    ...fact('Status', humanize(item.status)),
    ...fact('Owner', item.ownerName, 'name'),
    ...fact('Raised by', item.raisedByName, 'name'),
    ...fact('Due', item.due ? `${item.due}${item.overdue ? ' — overdue' : ''}` : undefined),
  ];
  const own = registerOf(item.kind).card.facts(item).flatMap((f) => fact(f.title, f.value, f.name ? 'name' : undefined));
  return [...common, ...own, ...relatedFacts(item), ...sourceFact(item)];
}

/** `show R-3`: one fact per kind of the items naming it (`Actions`: those serving it, `Decisions`: those concerning it). */
function relatedFacts(item: ItemView): ItemFact[] {
  const related = item.related ?? [];
  const kinds = [...new Set(RELATED_FIELDS.map((f) => f.kind))];
  return kinds.flatMap((kind) => {
    const line = related.filter((r) => parseItemKey(r.key)?.kind === kind).map((r) => `${r.key} ${r.title} (${humanize(r.status)})`).join('; ');
    return fact(humanize(nounsOf(kind).plural), line);
  });
}

/** The facts as a Teams FactSet: escaped for its Markdown, names clipped shorter. */
export function itemFacts(item: ItemView): Fact[] {
  return itemFactList(item).map(({ title, value, name, link }) => ({
    title,
    value: link ? `[${inlineText(value, TEXT_LIMITS.name)}](${link})` : inlineText(value, name ? TEXT_LIMITS.name : TEXT_LIMITS.value),
  }));
}

function section(heading: string, text: string | undefined): CardElement[] {
  const body = blockText(text);
  if (body.length === 0) return [];
  return [textBlock(heading, { weight: 'bolder', spacing: 'medium' }), textBlock(body, { spacing: 'small' })];
}

/** Description and the kind's long-text fields with their headings, raw (each platform escapes them). */
export function itemLongTexts(item: ItemView): [heading: string, text: string | undefined][] {
  return registerOf(item.kind).card.texts(item);
}

/** Description and the kind's long-text fields, each under a heading, skipped when empty. */
export function itemTexts(item: ItemView): CardElement[] {
  return itemLongTexts(item).flatMap(([heading, text]) => section(heading, text));
}

/** The keys of the other sides of escalations (what the item came from, what it became), whatever its kind. */
export function linkedKeys(item: ItemView): string[] {
  const keys = ['escalatedFrom' in item ? item.escalatedFrom : undefined, 'escalatedTo' in item ? item.escalatedTo : undefined];
  return keys.filter((key): key is string => typeof key === 'string' && key !== '');
}

/** Buttons to open the linked items of an escalation. */
export function itemLinks(item: ItemView): SubmitAction[] {
  return linkedKeys(item).map((linked) => submit(`Open ${plainText(linked, TEXT_LIMITS.name)}`, { verb: CARD_VERBS.showItem, key: linked }));
}

const ACTION_BUTTON: Record<ItemAction, { label: string; verb: (typeof CARD_VERBS)['itemUpdate' | 'itemClose' | 'itemEscalate' | 'itemApprove' | 'itemReject'] }> = {
  approve: { label: 'Approve', verb: CARD_VERBS.itemApprove },
  reject: { label: 'Reject', verb: CARD_VERBS.itemReject },
  update: { label: 'Update', verb: CARD_VERBS.itemUpdate },
  close: { label: 'Close', verb: CARD_VERBS.itemClose },
  escalate: { label: 'Escalate', verb: CARD_VERBS.itemEscalate },
};

/** The buttons for what the viewer may do next (the runner put only those on the view), Teams and Slack alike. */
export function itemActionButtons(item: ItemView): { label: string; data: CardActionData }[] {
  const allowed = item.actions ?? [];
  return ITEM_ACTIONS.filter((action) => allowed.includes(action)).map((action) => ({
    label: ACTION_BUTTON[action].label,
    data: { verb: ACTION_BUTTON[action].verb, key: item.key },
  }));
}

/** The card's buttons: what the viewer may do next, then the escalation's other side. */
export function itemButtons(item: ItemView): SubmitAction[] {
  return [...itemActionButtons(item).map(({ label, data }) => submit(label, data)), ...itemLinks(item)];
}
