// parseCommand: the first word picks the command; the rest is read by that command's parser.
import { parseApprove, parseReject } from './verdict-commands';
import { ITEM_VERBS, parseClose, parseEscalate, parseShow, parseUpdate } from './item-commands';
import {
  parseLink, parsePortfolioAdd, parseProgramAdd, parseProjectAdd, parseRole, parseSettings,
} from './setup-commands';
import { parseAway, parseMine, parseScorecard } from './personal-commands';
import { didYouMean, quote } from './suggest';
import { tokenize } from './tokenize';
import type { ParseContext, ParseResult } from './types';
import { USAGE } from './usage';
import { isWord, unusable, type VerbParser } from './verb';
import {
  parseCancel, parseDigest, parseExport, parseHelp, parseList, parseReminders, parseStatus,
} from './view-commands';

/** `project add …`: the hierarchy commands need their `add`. */
function withAdd(verb: 'project' | 'program' | 'portfolio', parse: VerbParser): VerbParser {
  return (args) => {
    const [first, ...rest] = args.tokens;
    if (isWord(first, 'add')) return parse({ ...args, tokens: rest });
    const typed = first?.kind === 'word' ? ` ${quote(first.text)}${didYouMean(first.text, ['add'])}` : '';
    return unusable('command', `${verb} needs "add" after it, got${typed || ' nothing'}; use: ${USAGE[verb]}`);
  };
}

const VERBS: Record<string, VerbParser> = {
  help: parseHelp,
  status: parseStatus,
  ...ITEM_VERBS,
  list: parseList,
  show: parseShow,
  update: parseUpdate,
  close: parseClose,
  escalate: parseEscalate,
  project: withAdd('project', parseProjectAdd),
  program: withAdd('program', parseProgramAdd),
  programme: withAdd('program', parseProgramAdd),
  portfolio: withAdd('portfolio', parsePortfolioAdd),
  link: parseLink,
  role: parseRole,
  settings: parseSettings,
  digest: parseDigest,
  reminders: parseReminders,
  export: parseExport,
  cancel: parseCancel,
  approve: parseApprove,
  reject: parseReject,
  scorecard: parseScorecard,
  mine: parseMine,
  away: parseAway,
};

const HELP_HINT = 'type help to see what I can do';

/** Whether a word, alone, names a command (`risk`, `list`, `programme`…), however the parser would then read it. */
export const isCommandWord = (word: string): boolean => Object.prototype.hasOwnProperty.call(VERBS, word.toLowerCase());

/** Reads one chat message; never throws. `command` is null only when no command could be made out. */
export function parseCommand(text: string, ctx: ParseContext): ParseResult {
  const { source, tokens } = tokenize(text);
  const [first, ...rest] = tokens;
  if (first === undefined) return unusable('command', `the message is empty; ${HELP_HINT}`);
  if (first.kind !== 'word' || first.quoted) {
    const typed = quote(source.slice(first.start, first.end));
    return unusable('command', `start with a command such as risk, issue, status or list, got ${typed}; ${HELP_HINT}`);
  }
  const verb = first.text.toLowerCase();
  const parse = Object.prototype.hasOwnProperty.call(VERBS, verb) ? VERBS[verb] : undefined;
  if (parse === undefined) {
    const hint = didYouMean(verb, Object.keys(VERBS));
    return unusable('command', `I don't know the command ${quote(first.text)}${hint}; ${HELP_HINT}`);
  }
  return parse({ source, tokens: rest, ctx });
}
