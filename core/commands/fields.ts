// Which fields each command takes, under which keys, and how each value is validated.
import { ITEM_KINDS, POLICIES, RAGS, ROLES, type IsoDate, type ItemKind, type Rag } from '../domain';
import { ESCALATABLE_KINDS, KIND_BY_LIST_WORD, logFields, updateFields, type KindField } from '../registers';
import { parseDate } from './dates';
import { person } from './people';
import {
  HELP_TOPICS,
  type Check, type CommandName, type ExportRegister, type ParseContext, type PortfolioFields, type ProgramFields,
  type ProjectFields, type RoleFields, type SettingsFields, type StatusFields,
} from './types';
import { choice, containerKey, itemKey, itemKeys, schedule, scale, text, timeZone } from './values';

export interface FieldSpec<T> {
  keys: readonly string[]; // key=value spellings, preferred first; [] for positional-only fields
  multiword: boolean; // unquoted words after `key=` continue the value (dates, text, choices)
  check: Checker<T>;
}
export type Schema<T> = { [K in keyof T]-?: FieldSpec<T[K]> };
export type AnySchema = Record<string, FieldSpec<unknown>>;

type Checker<T> = (raw: string, ctx: ParseContext) => Check<T>;
const spec = <T>(keys: readonly string[], multiword: boolean, check: Checker<T>): FieldSpec<T> => ({ keys, multiword, check });
// Past due and review dates are fine: a back-filled item is simply overdue (SPEC §2).
const calendarDate = (label: string) => (raw: string, ctx: ParseContext) => parseDate(raw, ctx, { label });
const ragSpec = (label: string, keys: readonly string[]): FieldSpec<Rag> =>
  spec(keys, false, choice(label, RAGS, { r: 'red', a: 'amber', g: 'green', yellow: 'amber' }));

const project = spec(['project'], false, containerKey('project'));
const displayName = spec(['name', 'title'], true, text('name', 100, { line: true }));
export const RESOLUTION = spec(['resolution'], true, text('resolution', 2000));

const keyOf = (only?: ItemKind | readonly ItemKind[]) => (raw: string) => {
  const found = itemKey(raw, only);
  return found.error === undefined ? { value: found.value.key } : { error: found.error };
};

/** How the parser reads a register field, from its descriptor's value rule. */
function kindSpec(field: KindField): FieldSpec<unknown> {
  const said = field.said ?? field.name;
  const rule = field.value;
  switch (rule.type) {
    case 'line':
      return spec(field.keys, true, text(said, rule.max, { line: true }));
    case 'text':
      return spec(field.keys, true, text(said, rule.max));
    case 'scale':
      return spec(field.keys, false, scale(said));
    case 'choice':
      return spec(field.keys, true, choice(said, rule.values, rule.aliases));
    case 'date':
      return spec(field.keys, true, calendarDate(rule.said));
    case 'person':
      return spec(field.keys, false, person(said));
    case 'project':
      return spec(field.keys, false, containerKey('project'));
    case 'key':
      return spec(field.keys, false, keyOf(rule.only));
    case 'keys':
      return spec(field.keys, true, itemKeys);
  }
}

const schemaOf = (fields: readonly KindField[]): AnySchema => Object.fromEntries(fields.map((f) => [f.name, kindSpec(f)]));

const byKind = (schema: (kind: ItemKind) => AnySchema): Record<ItemKind, AnySchema> =>
  Object.fromEntries(ITEM_KINDS.map((kind) => [kind, schema(kind)])) as Record<ItemKind, AnySchema>;

/** What `risk …`, `decision …` take for each kind, from its descriptor. */
export const LOG_FIELDS = byKind((kind) => schemaOf(logFields(kind)));

/** What `update KEY` takes for each kind, from its descriptor. */
export const UPDATE_FIELDS = byKind((kind) => schemaOf(updateFields(kind)));

export const STATUS_FIELDS: Schema<StatusFields> = {
  project,
  rag: ragSpec('overall RAG', ['rag', 'overall']),
  schedule: ragSpec('schedule RAG', ['schedule']),
  scope: ragSpec('scope RAG', ['scope']),
  cost: ragSpec('cost RAG', ['cost', 'budget']),
  summary: spec(['summary'], true, text('summary', 2000)),
  done: spec(['done'], true, text('done', 4000)),
  next: spec(['next'], true, text('next', 4000)),
  blockers: spec(['blockers'], true, text('blockers', 4000)),
  reason: spec(['reason', 'why'], true, text('reason', 1000)),
  forecast: spec(['forecast', 'finish'], true, calendarDate('forecast finish')),
  recovery: spec(['recovery', 'recover'], true, calendarDate('recovery date')),
};

export const PROJECT_FIELDS: Schema<ProjectFields> = {
  key: spec(['key'], false, containerKey('project')),
  title: displayName,
  program: spec(['program', 'programme'], false, containerKey('program')),
  portfolio: spec(['portfolio'], false, containerKey('portfolio')),
  pm: spec(['pm'], false, person('pm')),
};
export const PROGRAM_FIELDS: Schema<ProgramFields> = {
  key: spec(['key'], false, containerKey('program')),
  title: displayName,
  portfolio: PROJECT_FIELDS.portfolio,
};
export const PORTFOLIO_FIELDS: Schema<PortfolioFields> = {
  key: spec(['key'], false, containerKey('portfolio')),
  title: displayName,
};

/** Container keys that commands take on their own: `link APOLLO`, `digest EMEA`, `project=APOLLO`. */
export const KEY_FIELDS: Schema<{ project: string; portfolio: string }> = {
  project,
  portfolio: PROJECT_FIELDS.portfolio,
};

/** `2026-12-24,2026-12-25` (each date as any other: ISO or plain English), or `none` to clear them. */
function holidayDates(raw: string, ctx: ParseContext): Check<IsoDate[]> {
  if (/^\s*(none|clear|-)\s*$/i.test(raw)) return { value: [] };
  const dates: IsoDate[] = [];
  for (const part of raw.split(/[,;]/).map((p) => p.trim()).filter(Boolean)) {
    const date = parseDate(part, ctx, { label: 'holiday' });
    if (date.error !== undefined) return { error: date.error };
    dates.push(date.value);
  }
  if (dates.length === 0) return { error: 'holidays needs dates like 2026-12-24,2026-12-25, or none' };
  return { value: [...new Set(dates)].sort() };
}

export const SETTINGS_FIELDS: Schema<SettingsFields> = {
  timezone: spec(['timezone', 'tz'], false, timeZone),
  digest: spec(['digest'], true, schedule('digest')),
  reminders: spec(['reminders'], true, schedule('reminders')),
  nudge: spec(['nudge'], true, schedule('nudge')),
  policy: spec(['policy'], true, choice('policy', POLICIES)),
  scorecard: spec(['scorecard'], true, schedule('scorecard')),
  holidays: spec(['holidays', 'holiday'], true, holidayDates),
};

export const ROLE_FIELDS: Schema<RoleFields> = {
  user: spec([], false, person('user')),
  role: spec([], false, choice('role', ROLES, { admin: 'pmo_admin', pmo: 'pmo_admin', exec: 'executive' })),
};

export const HELP_TOPIC = spec([], false, choice('topic', HELP_TOPICS));
const pluralKinds = KIND_BY_LIST_WORD;
export const LIST_REGISTER = spec([], false, choice<ItemKind>('register', ITEM_KINDS, pluralKinds));
const EXPORTABLE: readonly ExportRegister[] = [...ITEM_KINDS, 'status'];
export const EXPORT_REGISTER = spec([], false, choice('register', EXPORTABLE, pluralKinds));
const itemKeyField = spec([], false, keyOf());

/** Every field of every command by property name, for parseField (update's own fields depend on the item kind). */
export const COMMAND_FIELDS: Record<CommandName, AnySchema> = {
  help: { topic: HELP_TOPIC },
  status: STATUS_FIELDS,
  ...LOG_FIELDS,
  list: { register: LIST_REGISTER, project },
  show: { key: itemKeyField },
  update: { key: itemKeyField },
  close: { key: itemKeyField, resolution: RESOLUTION },
  escalate: { key: spec([], false, keyOf(ESCALATABLE_KINDS)) },
  project_add: PROJECT_FIELDS,
  program_add: PROGRAM_FIELDS,
  portfolio_add: PORTFOLIO_FIELDS,
  link: { project },
  link_exec: { portfolio: PROJECT_FIELDS.portfolio },
  role: ROLE_FIELDS,
  settings: SETTINGS_FIELDS,
  digest: { portfolio: PROJECT_FIELDS.portfolio },
  reminders: {},
  export: { register: EXPORT_REGISTER, project },
  cancel: {},
  approve: { key: spec([], false, keyOf('change')) },
  reject: { key: spec([], false, keyOf('change')) },
  scorecard: {},
  mine: {},
  away: {},
};

/** The field a property name or key alias (`p`, `desc`) names in `schema`. */
export function findField(schema: AnySchema, name: string): [string, FieldSpec<unknown>] | undefined {
  const wanted = name.trim().toLowerCase();
  const hit = Object.entries(schema).find(([field, s]) => field.toLowerCase() === wanted || s.keys.includes(wanted));
  return hit;
}

/** The specs of any schema (a union of schemas included). */
export const specsOf = (schema: object): FieldSpec<unknown>[] => Object.values(schema) as FieldSpec<unknown>[];

/** `title, description/desc, p/probability, …` for messages that list what a command accepts. */
export function describeKeys(schema: object): string {
  return specsOf(schema)
    .filter((s) => s.keys.length > 0)
    .map((s) => s.keys.join('/'))
    .join(', ');
}
