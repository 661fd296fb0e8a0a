// approve C-n / reject C-n: a change request's decision, with a comment and (approve) its impacts.
import { quote } from './suggest';
import { spanText, type Token } from './tokenize';
import type { FieldError, ParseResult, VerdictCommand } from './types';
import { USAGE } from './usage';
import { itemKey } from './values';
import { unusable, type VerbParser } from './verb';

const MAX_TEXT = 2000;

/** `time=` / `cost=` / `scope=` on approve: the impact on each dimension (directive asks for all three). */
const IMPACT_KEYS: Record<string, 'impactTime' | 'impactCost' | 'impactScope'> = {
  time: 'impactTime',
  cost: 'impactCost',
  scope: 'impactScope',
};

function verdictParser(verb: 'approve' | 'reject'): VerbParser {
  return ({ source, tokens }): ParseResult => {
    const [first, ...rest] = tokens;
    if (first === undefined || first.kind !== 'word') return unusable('key', `${verb} needs a change request key first; use: ${USAGE[verb]}`);
    const checked = itemKey(first.text, 'change');
    if (checked.error !== undefined) return unusable('key', `${verb}: ${checked.error}`);
    const command: VerdictCommand = { name: verb, key: checked.value.key };
    const errors: FieldError[] = [];
    const words: Token[] = [];
    for (const token of rest) {
      if (token.kind === 'word') {
        words.push(token);
        continue;
      }
      const field = verb === 'approve' ? IMPACT_KEYS[token.key] : undefined;
      if (token.key === 'comment') command.comment = token.value.trim();
      else if (field) command[field] = token.value.trim().slice(0, MAX_TEXT);
      else {
        const allowed = verb === 'approve' ? 'comment=, time=, cost= or scope=' : 'comment=';
        errors.push({ field: '', message: `${verb} ${command.key} takes ${allowed}, not ${quote(`${token.rawKey}=`)}; use: ${USAGE[verb]}` });
      }
    }
    if (words.length > 0) command.comment = [spanText(source, words), command.comment].filter(Boolean).join(' ');
    if (command.comment !== undefined && command.comment.length > MAX_TEXT) {
      errors.push({ field: 'comment', message: `the comment is ${command.comment.length} characters long; keep it under ${MAX_TEXT}` });
    }
    if (command.comment === '') delete command.comment;
    return { command, errors };
  };
}

export const parseApprove = verdictParser('approve');
export const parseReject = verdictParser('reject');
