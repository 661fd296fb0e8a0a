// The command language of SPEC §3 as data: what the parser returns to dialogs and adapters.
import { ITEM_KINDS } from '../domain';
import type { IsoDate, ItemKind, Platform, Policy, Rag, Role } from '../domain';

export interface ParseContext {
  now: Date; // the instant; the parser never reads the wall clock
  timeZone: string; // IANA zone of the workspace
  platform: Platform;
  userId: string; // platform user id of the person typing (for owner=me)
  userName?: string; // their display name, so `me` is shown by name before the directory knows them
}

export interface PersonRef {
  platformUserId: string;
  displayName?: string;
}

/** `field` is the command property (e.g. 'probability'), '' for stray text, 'command' for the command itself. */
export interface FieldError {
  field: string;
  message: string;
}

export interface ParseResult {
  command: Command | null;
  errors: FieldError[];
}

/** One validated value, or why it was refused. */
export type Check<T> = { value: T; error?: undefined } | { value?: undefined; error: string };

// Field bags; a command carries the subset that was given and valid.
/** A register field's value as the parser gives it: text or a choice, a 1–5 number, a date, a person, item keys. */
export type ItemFieldValue = string | number | PersonRef | string[];
/**
 * What `risk …` or `update R-n …` was given, by the command names its kind's descriptor
 * (core/registers) gives its fields: `probability`, `review`, `item`; the common ones typed.
 */
export type ItemFields = {
  title?: string;
  description?: string;
  owner?: PersonRef;
  due?: IsoDate;
  project?: string;
  status?: string;
  [field: string]: ItemFieldValue | undefined;
};
export interface StatusFields {
  project: string;
  rag: Rag; // overall
  schedule: Rag;
  scope: Rag;
  cost: Rag;
  summary: string;
  done: string;
  next: string;
  blockers: string;
  /** Why the overall RAG is amber or red (SPEC §2); the policy says whether it is required. */
  reason: string;
  /** The forecast finish; the project's first one is its baseline, the difference its slip. */
  forecast: IsoDate;
  /** When it is back on track (directive policy: required with a reason). */
  recovery: IsoDate;
}
/** `title` is the display name (`name` is taken by the command discriminant). */
export interface ProjectFields {
  key: string;
  title: string;
  program: string;
  portfolio: string;
  pm: PersonRef;
}
export type ProgramFields = Pick<ProjectFields, 'key' | 'title' | 'portfolio'>;
export type PortfolioFields = Pick<ProjectFields, 'key' | 'title'>;
/** Schedules are normalised to `Mon 09:30`. */
export interface SettingsFields {
  timezone: string;
  digest: string;
  reminders: string;
  nudge: string;
  policy: Policy;
  /** The PMO scorecard's weekly slot (issue 14). */
  scorecard: string;
  /** Dates reminders and nudges skip; [] clears them (`holidays=none`). */
  holidays: IsoDate[];
}
export interface RoleFields {
  user: PersonRef;
  role: Role;
}
export type ExportRegister = ItemKind | 'status';

export const HELP_TOPICS = [
  'help', 'status', ...ITEM_KINDS, 'list', 'show', 'update', 'close', 'escalate',
  'project', 'program', 'portfolio', 'link', 'role', 'settings', 'digest', 'reminders', 'export',
  'cancel', 'approve', 'reject', 'scorecard', 'mine', 'away',
] as const;
export type HelpTopic = (typeof HELP_TOPICS)[number];

export interface HelpCommand { name: 'help'; topic?: HelpTopic }
export interface StatusCommand extends Partial<StatusFields> { name: 'status' }
/** `risk …`, `decision …`: logging an item of a kind, the command word being the kind. */
export type CreateItemCommand<K extends ItemKind = ItemKind> = ItemFields & { name: K };
export const isCreateItem = (command: Command): command is CreateItemCommand => (ITEM_KINDS as readonly string[]).includes(command.name);
export interface ListCommand {
  name: 'list';
  register?: ItemKind;
  mine?: boolean; // present (true) only when given
  overdue?: boolean;
  project?: string;
}
export interface ShowCommand { name: 'show'; key: string; kind: ItemKind }
/** `update KEY …`: which fields it may carry depends on the kind the key names. */
export interface UpdateCommand { name: 'update'; key: string; kind: ItemKind; fields: ItemFields }
/** `show APOLLO`: the project's latest status, its forecast finish and slip. */
export interface ShowProjectCommand { name: 'show'; project: string }
export interface CloseCommand { name: 'close'; key: string; kind: ItemKind; resolution?: string }
export interface EscalateCommand { name: 'escalate'; key: string }
export interface ProjectAddCommand extends Partial<ProjectFields> { name: 'project_add' }
export interface ProgramAddCommand extends Partial<ProgramFields> { name: 'program_add' }
export interface PortfolioAddCommand extends Partial<PortfolioFields> { name: 'portfolio_add' }
export interface LinkCommand { name: 'link'; project?: string }
export interface LinkExecCommand { name: 'link_exec'; portfolio?: string }
export interface RoleCommand extends Partial<RoleFields> { name: 'role' }
export interface SettingsCommand extends Partial<SettingsFields> { name: 'settings' }
export interface DigestCommand { name: 'digest'; portfolio?: string }
export interface RemindersCommand { name: 'reminders' }
export interface ExportCommand { name: 'export'; register?: ExportRegister; project?: string }
export interface CancelCommand { name: 'cancel' }
/** `approve C-3 [time=..] [cost=..] [scope=..] [comment]` / `reject C-3 [comment]` (SPEC §3, §4). */
export interface VerdictCommand {
  name: 'approve' | 'reject';
  key: string;
  comment?: string;
  /** Directive: the impact on each dimension, given with the approval when the change lacks it. */
  impactTime?: string;
  impactCost?: string;
  impactScope?: string;
}

export interface ScorecardCommand { name: 'scorecard' }
/** `away until DATE` (until: the last day away), `away off`, or `away` alone (where I stand). */
export interface MineCommand { name: 'mine' }
export interface AwayCommand { name: 'away'; until?: IsoDate; off?: boolean }

export type Command =
  | HelpCommand
  | StatusCommand
  | CreateItemCommand
  | ListCommand
  | ShowCommand
  | ShowProjectCommand
  | UpdateCommand
  | CloseCommand
  | EscalateCommand
  | ProjectAddCommand
  | ProgramAddCommand
  | PortfolioAddCommand
  | LinkCommand
  | LinkExecCommand
  | RoleCommand
  | SettingsCommand
  | DigestCommand
  | RemindersCommand
  | ExportCommand
  | CancelCommand
  | VerdictCommand
  | ScorecardCommand
  | MineCommand
  | AwayCommand;

export type CommandName = Command['name'];

export const COMMAND_NAMES: readonly CommandName[] = [
  'help', 'status', ...ITEM_KINDS, 'list', 'show', 'update', 'close', 'escalate',
  'project_add', 'program_add', 'portfolio_add', 'link', 'link_exec', 'role', 'settings', 'digest',
  'reminders', 'export', 'cancel', 'approve', 'reject', 'scorecard', 'mine', 'away',
];
