// The reply for a command that lacks required fields (a dialog normally asks for them first).
import type { Command, CommandName, HelpTopic } from '../commands';
import { USAGE } from '../commands';
import { ITEM_KINDS } from '../domain';
import { aKind } from '../registers';
import { missingIn } from './defaults';
import { errorReply, joinAnd } from './replies';
import type { Reply } from './types';

const capitalised = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

const SUBJECT: Partial<Record<CommandName, string>> = {
  ...Object.fromEntries(ITEM_KINDS.map((kind) => [kind, capitalised(aKind(kind))])),
  status: 'A status update',
  project_add: 'A new project',
  program_add: 'A new program',
  portfolio_add: 'A new portfolio',
  link: 'link',
  link_exec: 'link exec',
  role: 'role',
};

const FIELD_LABEL: Record<string, string> = {
  title: 'a title',
  probability: 'a probability (p=1-5)',
  impact: 'an impact (i=1-5)',
  project: 'a project (project=KEY, or link this channel to one)',
  rag: 'an overall RAG (rag=red|amber|green)',
  key: 'a key',
  portfolio: 'a portfolio',
  user: 'a person (@mention them)',
  role: 'a role',
};

/** The help topic that explains a command. */
export function topicOf(name: CommandName): HelpTopic {
  switch (name) {
    case 'project_add':
      return 'project';
    case 'program_add':
      return 'program';
    case 'portfolio_add':
      return 'portfolio';
    case 'link_exec':
      return 'link';
    default:
      return name;
  }
}

/** An 'error' reply listing what is missing (field: the first one to ask), or null when complete. */
export function missingReply(command: Command): Reply | null {
  return missingIn(command).length === 0 ? null : incomplete(command);
}

/** The 'error' reply for a command that cannot run as given. */
export function incomplete(command: Command): Reply {
  const missing = missingIn(command);
  const labels = missing.map((field) => (command.name.endsWith('_add') && field === 'title' ? 'a name' : (FIELD_LABEL[field] ?? field)));
  const subject = SUBJECT[command.name] ?? command.name;
  return errorReply(`${subject} needs ${joinAnd(labels) || 'more'}.`, { field: missing[0], hint: `Use: ${USAGE[topicOf(command.name)]}` });
}
