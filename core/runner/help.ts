// `help [topic]`: each command's usage (from the parser's USAGE), what it does and examples to copy.
import type { HelpCommandView, HelpView } from '../view-models';
import { HELP_TOPICS, USAGE, type HelpTopic } from '../commands';
import { ITEM_KINDS } from '../domain';
import { REGISTERS } from '../registers';

interface TopicHelp {
  description: string;
  /** Typed as a user would; each one parses (a test holds them to it). */
  examples: string[];
}

/** Each register kind's help is its descriptor's. */
const KIND_HELP = Object.fromEntries(ITEM_KINDS.map((kind) => [kind, REGISTERS[kind].help]));

export const HELP = {
  ...KIND_HELP,
  help: { description: 'What I can do; help COMMAND explains one command.', examples: ['help risk', 'help status'] },
  status: {
    description: 'Post the weekly status update (RAG per dimension, summary, done, next, blockers). Alone, I ask you step by step.',
    examples: ['status', 'status APOLLO rag=amber schedule=red summary="Vendor delay" blockers="Need SSO decision"'],
  },
  list: {
    description: 'Show a register, top items first (risks by score, issues by priority).',
    examples: ['list risks', 'list issues mine', 'list risks overdue project=APOLLO'],
  },
  show: { description: 'One item with its full history.', examples: ['show R-12', 'show I-3'] },
  update: {
    description: 'Change fields of an item; every change is kept in its history. Owner, project PM or PMO admin.',
    examples: ['update R-12 p=4 due="next friday"', 'update I-3 status=in_progress', 'update C-2 decision=approved'],
  },
  close: {
    description: 'Close or resolve an item, with an optional resolution. Owner, project PM or PMO admin.',
    examples: ['close I-3 Fixed by restarting the build agent', 'close R-12'],
  },
  escalate: {
    description: 'A risk has happened: turn it into an issue. An issue needs a change: raise a change request from it. Both linked both ways.',
    examples: ['escalate R-12', 'escalate I-3'],
  },
  project: {
    description: 'Add a project (PMO admin).',
    examples: ['project add APOLLO "Apollo CRM" portfolio=DIGITAL', 'project add ZEUS "Zeus data platform" program=DATA pm=@sam'],
  },
  program: { description: 'Add a program under a portfolio (PMO admin).', examples: ['program add DATA "Data programme" portfolio=DIGITAL'] },
  portfolio: { description: 'Add a portfolio (PMO admin).', examples: ['portfolio add DIGITAL "Digital transformation"'] },
  link: {
    description: 'Bind this channel to a project (project= then defaults to it here), or make it a portfolio’s exec channel for the digest (PMO admin).',
    examples: ['link APOLLO', 'link exec DIGITAL'],
  },
  role: { description: 'Give someone a role (PMO admin).', examples: ['role @sam pm', 'role @dana executive'] },
  settings: {
    description: 'Show the workspace settings; with fields, change them (PMO admin).',
    examples: ['settings', 'settings timezone=Europe/Berlin digest="Mon 09:30"', 'settings policy=controlling'],
  },
  digest: { description: 'Post the portfolio digest now.', examples: ['digest', 'digest DIGITAL'] },
  reminders: { description: 'Send the overdue-register reminders now.', examples: ['reminders'] },
  export: {
    description: 'Download a register or the status history as a CSV file.',
    examples: ['export risks', 'export changes project=APOLLO', 'export status project=APOLLO'],
  },
  cancel: { description: 'Leave the current dialog at any step.', examples: ['cancel'] },
  approve: {
    description: 'Approve a pending change request, with an optional comment kept in its history. Who may depends on the PMO policy (settings shows it); under directive the impact on time, cost and scope must be known.',
    examples: ['approve C-3 Fits the Q3 budget', 'approve C-3 time="+2 weeks" cost="+10k" scope="adds SSO"'],
  },
  reject: { description: 'Reject a pending change request, saying why; whoever raised it is told.', examples: ['reject C-3 Not in this release'] },
  mine: { description: 'What needs you: your overdue and due-this-week items, your projects\' missing status updates, changes awaiting your decision.', examples: ['mine'] },
  scorecard: { description: 'Post the PMO scorecard here now (PMO admins).', examples: ['scorecard'] },
  away: {
    description: 'No reminders or nudges to you while you are away; PMs see "(away)" by your items.',
    examples: ['away until 2026-12-31', 'away until next friday', 'away off'],
  },
} as Record<HelpTopic, TopicHelp>;

/** The overview leaves out `help` itself and shows one example per command to stay short. */
const OVERVIEW_TOPICS = HELP_TOPICS.filter((t) => t !== 'help');

function entry(topic: HelpTopic, examples: number): HelpCommandView {
  return { usage: USAGE[topic], description: HELP[topic].description, examples: HELP[topic].examples.slice(0, examples) };
}

export function helpView(topic?: HelpTopic): HelpView {
  if (topic === undefined || topic === 'help') {
    return {
      title: 'PMO Assistant',
      intro: 'I keep your project registers and status updates. Type a command with its fields to save at once, or just the command word and I will ask you step by step.',
      commands: OVERVIEW_TOPICS.map((t) => entry(t, 1)),
      footer: 'Type help COMMAND (e.g. help risk) for more examples. Dates can be 2026-12-04, next friday, in 2 weeks or eom.',
    };
  }
  return {
    title: `help ${topic}`,
    commands: [entry(topic, HELP[topic].examples.length)],
    footer: 'cancel leaves any dialog; help lists every command.',
  };
}
