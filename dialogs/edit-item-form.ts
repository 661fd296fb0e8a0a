// The Update button's form: the item's own fields (as its kind's log form asks them), its current values, and
// the `update KEY field=value…` of only what changed.
import { aKind, nounsOf } from '../core/registers';
import type { UpdateCommand } from '../core/commands';
import { UPDATE_FIELDS } from '../core/commands/fields';
import { ACTION_STATUSES, DECISION_STATUSES, DECISIONS, ISSUE_STATUSES, RISK_STATUSES, type ItemKind } from '../core/domain';
import type { RegisterItem } from '../core/services';
import { parseItemField } from '../core/commands';
import { ACTION_FORM } from './action.dialog';
import { CHANGE_FORM } from './change.dialog';
import { DECISION_FORM } from './decision.dialog';
import type { FieldDef, FormConfig, FormValues } from './form-config';
import { keyed, longText } from './form-fields';
import { isPerson } from './form-state';
import { ISSUE_FORM } from './issue.dialog';
import { RISK_FORM } from './risk.dialog';

/** Where the values the form was opened with are kept, to send only what changed. */
export const ORIGINAL = 'original';

const LOG_FORMS: Record<ItemKind, FormConfig> = {
  risk: RISK_FORM, issue: ISSUE_FORM, change: CHANGE_FORM, decision: DECISION_FORM, action: ACTION_FORM,
};

const choice = (name: string, label: string, choices: readonly string[]): FieldDef => ({
  name, label, type: 'choice', choices, required: true, question: `${label}? (${choices.join(', ')})`, allowed: `one of ${choices.join(', ')}`,
});

/** Fields only an existing item has: where it stands, and how an issue ended. */
const STATE_FIELDS: Record<ItemKind, FieldDef[]> = {
  risk: [choice('status', 'Status', RISK_STATUSES)],
  issue: [choice('status', 'Status', ISSUE_STATUSES), longText('resolution', 'Resolution', 'How was it resolved?', { max: 2000 })],
  change: [choice('decision', 'Decision', DECISIONS)],
  decision: [choice('status', 'Status', DECISION_STATUSES)],
  action: [choice('status', 'Status', ACTION_STATUSES)],
};

/** An existing issue always has a priority and a type: the edit form may change them, not clear them. */
const ALWAYS_SET = new Set(['priority', 'type']);

/** The log form's fields that `update` may change (not the project), then the item's own state fields. */
function editFields(kind: ItemKind): FieldDef[] {
  const allowed = Object.keys(UPDATE_FIELDS[kind]);
  const own = LOG_FORMS[kind].fields
    .filter((def) => allowed.includes(def.name))
    .map((def) => (ALWAYS_SET.has(def.name) ? { ...def, required: true } : def))
    .map((def) => (def.name === 'title' ? { ...def, question: 'What should the title be?' } : def));
  const [title, ...rest] = own;
  return [title, ...STATE_FIELDS[kind], ...rest];
}

const samePerson = (a: unknown, b: unknown): boolean => isPerson(a) && isPerson(b) && a.platformUserId === b.platformUserId;

/**
 * `update KEY` with each field whose value differs from the one the form opened with. A field the
 * user emptied is cleared (`''`, which the service stores as empty or no date), except a person.
 */
function changedCommand(config: FormConfig, values: FormValues): UpdateCommand {
  const original = (values[ORIGINAL] ?? {}) as FormValues;
  const fields: Record<string, unknown> = {};
  for (const def of config.fields) {
    const now = values[def.name];
    const was = original[def.name];
    if (now === was || samePerson(now, was)) continue;
    if (now !== undefined) fields[def.name] = now;
    else if (!def.required && def.type !== 'person') fields[def.name] = '';
  }
  return { name: 'update', ...keyed(values), fields } as UpdateCommand;
}

export function editForm(kind: ItemKind): FormConfig {
  const config: FormConfig = {
    command: 'update',
    topic: 'update',
    title: `Update ${aKind(kind)}`,
    noun: nounsOf(kind).singular,
    confirmTitle: 'Save these changes?',
    fields: editFields(kind),
    parse: (field, raw, _values, ctx) => parseItemField(kind, field, raw, ctx),
    toCommand: (values) => changedCommand(config, values),
  };
  return config;
}

const given = (value: string | null | undefined): string | undefined => (value ? value : undefined);

const personRef = (id: string | null | undefined, name: string | undefined) => (id ? { platformUserId: id, ...(name ? { displayName: name } : {}) } : undefined);

/** The item's current values, by the form's field names; `owner` (and a decision's `decidedBy`) as a person with a name. */
export function currentValues(item: RegisterItem, ownerName: string | undefined, decidedByName?: string): FormValues {
  const common = {
    title: item.title,
    description: given(item.description),
    owner: personRef(item.ownerId, ownerName),
    due: given(item.due),
  };
  switch (item.kind) {
    case 'risk':
      return {
        ...common, status: item.status, probability: item.probability, impact: item.impact, response: item.response ?? undefined,
        mitigation: given(item.mitigation), review: given(item.reviewDate),
      };
    case 'issue':
      return { ...common, status: item.status, priority: item.priority, type: item.type, resolution: given(item.resolution) };
    case 'change':
      return { ...common, impact: given(item.impact), decision: item.decision };
    case 'decision':
      return {
        ...common, status: item.status, outcome: given(item.outcome), rationale: given(item.rationale),
        decidedBy: personRef(item.decidedById, decidedByName), decidedOn: given(item.decidedOn),
        items: item.items?.length ? item.items.join(', ') : undefined,
      };
    case 'action':
      return { ...common, status: item.status, item: given(item.itemKey) };
  }
}
