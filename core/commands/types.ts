// The command language of SPEC §3 as data: what the parser returns to dialogs and adapters.
import { ITEM_KINDS } from '../domain';
import type {
  ActionStatus,
  Decision,
  DecisionStatus,
  IsoDate,
  IssueStatus,
  IssueType,
  ItemKind,
  Platform,
  Policy,
  Priority,
  Rag,
  RiskResponse,
  RiskStatus,
  Role,
} from '../domain';

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
export interface RiskFields {
  title: string;
  description: string;
  probability: number;
  impact: number;
  owner: PersonRef;
  due: IsoDate;
  project: string;
  response: RiskResponse;
  mitigation: string;
  review: IsoDate;
}
export interface IssueFields {
  title: string;
  description: string;
  priority: Priority;
  type: IssueType;
  owner: PersonRef;
  due: IsoDate;
  project: string;
}
export interface ChangeFields {
  title: string;
  description: string;
  impact: string;
  owner: PersonRef;
  due: IsoDate;
  project: string;
}
/** `decision …` (the decision log); not the change request's `decision=` field, which `update C-n` still takes. */
export interface DecisionFields {
  title: string;
  description: string;
  outcome: string; // what was decided
  rationale: string;
  decidedBy: PersonRef;
  decidedOn: IsoDate;
  items: string[]; // keys of the items it concerns
  owner: PersonRef;
  project: string;
}
export interface ActionFields {
  title: string;
  description: string;
  owner: PersonRef;
  due: IsoDate;
  item: string; // key of the item it serves
  project: string;
}
export type DecisionUpdate = Omit<DecisionFields, 'project'> & { status: DecisionStatus; supersededBy: string };
export type ActionUpdate = Omit<ActionFields, 'project'> & { status: ActionStatus };
export type RiskUpdate = Omit<RiskFields, 'project'> & { status: RiskStatus };
export type IssueUpdate = Omit<IssueFields, 'project'> & { status: IssueStatus; resolution: string };
export type ChangeUpdate = Omit<ChangeFields, 'project'> & { decision: Decision };
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
  'cancel', 'scorecard', 'mine', 'away',
] as const;
export type HelpTopic = (typeof HELP_TOPICS)[number];

export interface HelpCommand { name: 'help'; topic?: HelpTopic }
export interface StatusCommand extends Partial<StatusFields> { name: 'status' }
export interface RiskCommand extends Partial<RiskFields> { name: 'risk' }
export interface IssueCommand extends Partial<IssueFields> { name: 'issue' }
export interface ChangeCommand extends Partial<ChangeFields> { name: 'change' }
export interface DecisionCommand extends Partial<DecisionFields> { name: 'decision' }
export interface ActionCommand extends Partial<ActionFields> { name: 'action' }
export interface ListCommand {
  name: 'list';
  register?: ItemKind;
  mine?: boolean; // present (true) only when given
  overdue?: boolean;
  project?: string;
}
export interface ShowCommand { name: 'show'; key: string; kind: ItemKind }
export type UpdateCommand =
  | { name: 'update'; key: string; kind: 'risk'; fields: Partial<RiskUpdate> }
  | { name: 'update'; key: string; kind: 'issue'; fields: Partial<IssueUpdate> }
  | { name: 'update'; key: string; kind: 'change'; fields: Partial<ChangeUpdate> }
  | { name: 'update'; key: string; kind: 'decision'; fields: Partial<DecisionUpdate> }
  | { name: 'update'; key: string; kind: 'action'; fields: Partial<ActionUpdate> };
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
export interface ScorecardCommand { name: 'scorecard' }
/** `away until DATE` (until: the last day away), `away off`, or `away` alone (where I stand). */
export interface MineCommand { name: 'mine' }
export interface AwayCommand { name: 'away'; until?: IsoDate; off?: boolean }

export type Command =
  | HelpCommand
  | StatusCommand
  | RiskCommand
  | IssueCommand
  | ChangeCommand
  | DecisionCommand
  | ActionCommand
  | ListCommand
  | ShowCommand
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
  | ScorecardCommand
  | MineCommand
  | AwayCommand;

export type CommandName = Command['name'];

export const COMMAND_NAMES: readonly CommandName[] = [
  'help', 'status', ...ITEM_KINDS, 'list', 'show', 'update', 'close', 'escalate',
  'project_add', 'program_add', 'portfolio_add', 'link', 'link_exec', 'role', 'settings', 'digest',
  'reminders', 'export', 'cancel', 'scorecard', 'mine', 'away',
];
