// help, status, list, export, digest, reminders, cancel.
import type { ItemKind } from '../domain';
import { LIST_WORDS } from '../registers';
import {
  EXPORT_REGISTER, HELP_TOPIC, KEY_FIELDS, LIST_REGISTER, STATUS_FIELDS, type FieldSpec, type Schema,
} from './fields';
import { readFields } from './pairs';
import { didYouMean, quote } from './suggest';
import type { Token, WordToken } from './tokenize';
import type { ExportRegister, FieldError, ParseContext, StatusFields } from './types';
import { USAGE } from './usage';
import { leftover, oneAndPairs, type VerbParser } from './verb';

/** `help` or `help risk`; words after the topic are ignored. */
export const parseHelp: VerbParser = ({ tokens, ctx }) => {
  const [first] = tokens;
  if (first === undefined) return { command: { name: 'help' }, errors: [] };
  const raw = first.kind === 'word' ? first.text : first.key;
  const topic = HELP_TOPIC.check(raw, ctx);
  if (topic.error !== undefined) {
    const topics = Object.keys(USAGE);
    const hint = didYouMean(raw.toLowerCase(), topics);
    const message = `there is no help on ${quote(raw)}${hint}; try help with one of: ${topics.join(', ')}`;
    return { command: { name: 'help' }, errors: [{ field: 'topic', message }] };
  }
  return { command: { name: 'help', topic: topic.value }, errors: [] };
};

const RAG_WORD = /^(red|amber|green)$/i;

/**
 * `status [PROJECT] [red|amber|green] [rag=..] …`: inline fields save at once, none starts the guided
 * update. A bare RAG word right after the project is the overall rating (`status APOLLO amber reason=".."`).
 */
export const parseStatus: VerbParser = (args) => {
  const [first, second] = args.tokens;
  const ragWord = first?.kind === 'word' && second?.kind === 'word' && !second.quoted && RAG_WORD.test(second.text) ? second : undefined;
  const tokens = ragWord ? args.tokens.filter((t) => t !== ragWord) : args.tokens;
  const { values, errors } = oneAndPairs({ ...args, tokens }, STATUS_FIELDS, 'project', 'status', USAGE.status);
  const rag = ragWord && values.rag === undefined ? { rag: ragWord.text.toLowerCase() as StatusFields['rag'] } : {};
  return { command: { name: 'status', ...values, ...rag }, errors };
};

/** Filters come in any order: words and pairs are read apart. */
function wordsAndPairs(tokens: readonly Token[]): { words: WordToken[]; pairs: Token[] } {
  return {
    words: tokens.filter((t): t is WordToken => t.kind === 'word'),
    pairs: tokens.filter((t) => t.kind === 'pair'),
  };
}

const PROJECT_ONLY: Schema<{ project: string }> = { project: KEY_FIELDS.project };

interface Filters<R> {
  register?: R;
  flags: Set<string>;
  errors: FieldError[];
}

/** Order-free words: one register, flags from `flagWords`; anything else is explained. */
function readWords<R>(
  words: WordToken[],
  register: FieldSpec<R>,
  flagWords: Record<string, string>,
  ctx: ParseContext,
  verb: 'list' | 'export',
): Filters<R> {
  const found: Filters<R> = { flags: new Set(), errors: [] };
  const registers: string[] = [];
  for (const word of words) {
    const lower = word.text.toLowerCase();
    const checked = register.check(word.text, ctx);
    if (Object.prototype.hasOwnProperty.call(flagWords, lower)) {
      found.flags.add(flagWords[lower]);
    } else if (checked.error === undefined) {
      registers.push(word.text);
      found.register = checked.value;
    } else {
      const known = [...LIST_WORDS, ...(verb === 'export' ? ['status'] : []), ...Object.keys(flagWords)];
      const asProject = /^[a-z][\w-]{1,15}$/i.test(word.text) ? ` (for a project write project=${word.text.toUpperCase()})` : '';
      const hint = didYouMean(lower, known) || asProject;
      found.errors.push({ field: '', message: `${verb} does not understand ${quote(word.text)}${hint}; use: ${USAGE[verb]}` });
    }
  }
  if (registers.length > 1) {
    found.register = undefined;
    const message = `${verb} takes one register at a time, got ${registers.join(' and ')}; use: ${USAGE[verb]}`;
    found.errors.push({ field: 'register', message });
  }
  return found;
}

/** `list risks mine overdue project=APOLLO`, words in any order, singular or plural. */
export const parseList: VerbParser = ({ source, tokens, ctx }) => {
  const { words, pairs: rest } = wordsAndPairs(tokens);
  const pairs = readFields(source, rest, PROJECT_ONLY, ctx, { what: 'list' });
  const flags = { mine: 'mine', my: 'mine', overdue: 'overdue' };
  const filters = readWords<ItemKind>(words, LIST_REGISTER, flags, ctx, 'list');
  const command = {
    name: 'list' as const,
    ...(filters.register === undefined ? {} : { register: filters.register }),
    ...(filters.flags.has('mine') ? { mine: true } : {}),
    ...(filters.flags.has('overdue') ? { overdue: true } : {}),
    ...pairs.values,
  };
  return { command, errors: [...filters.errors, ...pairs.errors] };
};

/** `export risks|issues|changes|status [project=KEY]`. */
export const parseExport: VerbParser = ({ source, tokens, ctx }) => {
  const { words, pairs: rest } = wordsAndPairs(tokens);
  const pairs = readFields(source, rest, PROJECT_ONLY, ctx, { what: 'export' });
  const filters = readWords<ExportRegister>(words, EXPORT_REGISTER, {}, ctx, 'export');
  const register = filters.register === undefined ? {} : { register: filters.register };
  const command = { name: 'export' as const, ...register, ...pairs.values };
  return { command, errors: [...filters.errors, ...pairs.errors] };
};

export const parseDigest: VerbParser = (args) => {
  const schema = { portfolio: KEY_FIELDS.portfolio };
  const { values, errors } = oneAndPairs(args, schema, 'portfolio', 'digest', USAGE.digest);
  return { command: { name: 'digest', ...values }, errors };
};

/** Sends the reminders for the whole workspace; it takes nothing. */
export const parseReminders: VerbParser = ({ source, tokens }) => ({
  command: { name: 'reminders' },
  errors: leftover(source, tokens, 'reminders', `${USAGE.reminders} (it reminds the whole workspace)`),
});

/** `cancel` always cancels, whatever follows it ("cancel that"). */
export const parseCancel: VerbParser = () => ({ command: { name: 'cancel' }, errors: [] });
