// Checks for the job messages: the Adaptive Cards checker (accepting the job verbs) and Slack's Block Kit limits.
import { isJobActionData } from '../../../cards/jobs';
import { nodes } from '../card-query';
import { checkCard } from '../card-checker';

/** checkCard, less its complaint about job verbs that cards/verbs.ts does not list yet (TODO(#5)). */
export function checkJobCard(card: unknown): string[] {
  const jobTitles = new Set(nodes(card).filter((n) => n.type === 'Action.Submit' && isJobActionData(n.data)).map((n) => String(n.title)));
  return checkCard(card).filter((p) => {
    const m = /^Action\.Submit "(.*)": data\.verb is not one of CARD_VERBS$/.exec(p);
    return !(m && jobTitles.has(m[1]));
  });
}

type Json = Record<string, unknown>;
const textOf = (value: unknown): string => (typeof value === 'object' && value !== null ? String((value as Json).text ?? '') : '');

/** What Slack would refuse in a message's blocks. */
export function blockProblems(blocks: Json[]): string[] {
  const problems: string[] = [];
  if (blocks.length > 50) problems.push(`${blocks.length} blocks, over 50`);
  const actionIds = new Set<string>();
  const blockIds = new Set<string>();
  blocks.forEach((block, i) => {
    const where = `block ${i} (${String(block.type)})`;
    if (typeof block.block_id === 'string') {
      if (blockIds.has(block.block_id)) problems.push(`${where}: duplicate block_id ${block.block_id}`);
      blockIds.add(block.block_id);
    }
    if (block.type === 'section') {
      const text = textOf(block.text);
      if (!text.trim() && !Array.isArray(block.fields)) problems.push(`${where}: empty text`);
      if (text.length > 3000) problems.push(`${where}: text ${text.length} > 3000`);
      for (const f of (block.fields as unknown[] | undefined) ?? []) if (textOf(f).length > 2000) problems.push(`${where}: field over 2000`);
      if (((block.fields as unknown[] | undefined) ?? []).length > 10) problems.push(`${where}: over 10 fields`);
    }
    if (block.type === 'header' && textOf(block.text).length > 150) problems.push(`${where}: header over 150`);
    if (block.type === 'context' && (block.elements as unknown[]).length > 10) problems.push(`${where}: over 10 elements`);
    if (block.type === 'actions' && (block.elements as unknown[]).length > 25) problems.push(`${where}: over 25 elements`);
    const elements = [...((block.elements as Json[] | undefined) ?? []), ...(block.accessory ? [block.accessory as Json] : [])];
    for (const el of elements) {
      if (typeof el.action_id !== 'string') continue;
      if (actionIds.has(`${String(block.block_id)}/${el.action_id}`)) problems.push(`${where}: duplicate action_id ${el.action_id}`);
      actionIds.add(`${String(block.block_id)}/${el.action_id}`);
      if (el.action_id.length > 255) problems.push(`${where}: action_id over 255`);
      if (el.type === 'button') {
        if (textOf(el.text).length > 75) problems.push(`${where}: button text over 75`);
        if (typeof el.value === 'string' && el.value.length > 2000) problems.push(`${where}: button value over 2000`);
      }
    }
  });
  // Unescaped & < > in mrkdwn would turn user text into links or mentions.
  for (const n of nodes(blocks)) {
    if (n.type === 'mrkdwn' && /<|>|&(?!amp;|lt;|gt;)/.test(String(n.text))) problems.push(`unescaped mrkdwn: ${String(n.text).slice(0, 80)}`);
  }
  return problems;
}
