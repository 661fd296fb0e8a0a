// One usage line per command word, for error messages and help.
import { ITEM_KINDS } from '../domain';
import { LIST_WORDS, REGISTERS } from '../registers';
import { HELP_TOPICS, type HelpTopic } from './types';

/** Each register kind's usage line is its descriptor's. */
const KIND_USAGE = Object.fromEntries(ITEM_KINDS.map((kind) => [kind, REGISTERS[kind].help.usage]));

const LINES = {
  ...KIND_USAGE,
  help: 'help [command]',
  status: 'status [PROJECT] [rag=red|amber|green] [schedule=..] [scope=..] [cost=..] [summary=".."] [done=".."] [next=".."] [blockers=".."] [reason=".."] [forecast=DATE] [recovery=DATE]',
  list: `list ${LIST_WORDS.join('|')} [mine] [overdue] [project=KEY]`,
  show: 'show KEY (e.g. show R-12), or show PROJECT for its latest status and slip',
  update: 'update KEY field=value ... (e.g. update R-12 p=4 due="next friday")',
  close: 'close KEY [resolution text]',
  escalate: 'escalate R-n|I-n',
  project: 'project add KEY "Name" [program=KEY] [portfolio=KEY] [pm=@user]',
  program: 'program add KEY "Name" [portfolio=KEY]',
  portfolio: 'portfolio add KEY "Name"',
  link: 'link PROJECT, or link exec PORTFOLIO',
  role: 'role @user member|pm|pmo_admin|executive',
  settings: 'settings [timezone=Area/City] [digest="Mon 09:30"|off] [reminders="Mon 09:00"|off] [nudge="Thu 10:00"|off] [policy=supportive|controlling|directive] [scorecard="Mon 09:15"|off] [holidays=2026-12-24,2026-12-25|none]',
  digest: 'digest [PORTFOLIO]',
  reminders: 'reminders',
  export: `export ${[...LIST_WORDS, 'status'].join('|')} [project=KEY]`,
  cancel: 'cancel',
  approve: 'approve C-n [comment] [time=".."] [cost=".."] [scope=".."]',
  reject: 'reject C-n [comment]',
  scorecard: 'scorecard',
  mine: 'mine',
  away: 'away until DATE, or away off',
} as Record<HelpTopic, string>;

/** In HELP_TOPICS order, which is the order help lists them in. */
export const USAGE = Object.fromEntries(HELP_TOPICS.map((topic) => [topic, LINES[topic]])) as Record<HelpTopic, string>;
