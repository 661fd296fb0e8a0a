// Workspace set-up (SPEC §3, PMO admin): project/program/portfolio add, link, role, settings.
import {
  KEY_FIELDS, PORTFOLIO_FIELDS, PROGRAM_FIELDS, PROJECT_FIELDS, ROLE_FIELDS, SETTINGS_FIELDS, type Schema,
} from './fields';
import { checkFields, leadingWords, readFields, type Fields, type Given } from './pairs';
import { spanText, type Token } from './tokenize';
import type { FieldError } from './types';
import { USAGE } from './usage';
import { isWord, leftover, oneAndPairs, type Args, type VerbParser } from './verb';

/** `KEY "Name" key=value…`: the first unquoted word is the key, the words after it the name. */
function keyAndName<T>({ source, tokens, ctx }: Args, schema: Schema<T>, what: string): Fields<T> {
  const { words, rest } = leadingWords(tokens);
  const positional: Given[] = [];
  let nameWords = words;
  if (words.length > 0 && !words[0].quoted) {
    positional.push({ field: 'key', raw: words[0].text, shown: words[0].text });
    nameWords = words.slice(1);
  }
  if (nameWords.length > 0) positional.push({ field: 'title', raw: spanText(source, nameWords), shown: 'the name' });
  return readFields(source, rest, schema, ctx, { what, positional });
}

export const parseProjectAdd: VerbParser = (args) => {
  const { values, errors } = keyAndName(args, PROJECT_FIELDS, 'project add');
  return { command: { name: 'project_add', ...values }, errors };
};

export const parseProgramAdd: VerbParser = (args) => {
  const { values, errors } = keyAndName(args, PROGRAM_FIELDS, 'program add');
  return { command: { name: 'program_add', ...values }, errors };
};

export const parsePortfolioAdd: VerbParser = (args) => {
  const { values, errors } = keyAndName(args, PORTFOLIO_FIELDS, 'portfolio add');
  return { command: { name: 'portfolio_add', ...values }, errors };
};

const LINK_PROJECT: Schema<{ project: string }> = { project: KEY_FIELDS.project };
const LINK_EXEC: Schema<{ portfolio: string }> = { portfolio: KEY_FIELDS.portfolio };

/** `link PROJECT` binds the channel to a project; `link exec PORTFOLIO` makes it an exec channel. */
export const parseLink: VerbParser = (args) => {
  const [first, ...rest] = args.tokens;
  if (isWord(first, 'exec')) {
    const { values, errors } = oneAndPairs({ ...args, tokens: rest }, LINK_EXEC, 'portfolio', 'link exec', USAGE.link);
    return { command: { name: 'link_exec', ...values }, errors };
  }
  const { values, errors } = oneAndPairs(args, LINK_PROJECT, 'project', 'link', USAGE.link);
  return { command: { name: 'link', ...values }, errors };
};

/** `role @user ROLE`; the two may come in either order. */
export const parseRole: VerbParser = ({ source, tokens, ctx }) => {
  const words = tokens.slice(0, 2);
  const errors: FieldError[] = leftover(source, tokens.slice(2), 'the person and the role', USAGE.role);
  const raw = words.map((t: Token) => (t.kind === 'word' ? t.text : source.slice(t.start, t.end)));
  const isRole = (text: string): boolean => ROLE_FIELDS.role.check(text, ctx).error === undefined;
  const swapped = raw.length === 2 && isRole(raw[0]) && !isRole(raw[1]);
  const [user, role] = swapped ? [raw[1], raw[0]] : raw;
  const given: Given[] = [];
  if (user !== undefined) given.push({ field: 'user', raw: user, shown: user });
  if (role !== undefined) given.push({ field: 'role', raw: role, shown: role });
  const checked = checkFields(given, ROLE_FIELDS, ctx);
  return { command: { name: 'role', ...checked.values }, errors: [...errors, ...checked.errors] };
};

/** `settings` alone shows them; `settings key=value…` changes them. */
export const parseSettings: VerbParser = ({ source, tokens, ctx }) => {
  const { words, rest } = leadingWords(tokens);
  const { values, errors } = readFields(source, rest, SETTINGS_FIELDS, ctx, { what: 'settings' });
  const stray = leftover(source, words, 'settings', USAGE.settings);
  return { command: { name: 'settings', ...values }, errors: [...stray, ...errors] };
};
