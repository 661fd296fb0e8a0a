// `help` inside a form: what the current step wants, what it accepts, and how to get out.
import { USAGE } from '../core/commands';
import { COMMAND_FIELDS } from '../core/commands/fields';
import { fieldOf, type FormConfig } from './form-config';
import { isRequired, type FormState } from './form-state';

const CANCEL_HINT = 'Type cancel to stop; nothing is saved until you confirm.';

/** `p=… or probability=…`: how the field is written inline, from the command's field spec. */
function inlineKeys(config: FormConfig, field: string): string | undefined {
  const keys = COMMAND_FIELDS[config.command][field]?.keys ?? [];
  return keys.length === 0 ? undefined : `Inline it is written ${keys.map((k) => `${k}=…`).join(' or ')}.`;
}

function fieldHelp(config: FormConfig, state: FormState, field: string): string {
  const def = fieldOf(config, field);
  if (!def) return `I am asking for the ${field}. ${CANCEL_HINT}`;
  return [
    `I am asking for the ${def.label.toLowerCase()} of the ${config.noun}: ${def.allowed}.`,
    isRequired(def, state) ? undefined : 'It is optional: answer skip to leave it out.',
    state.errors[field] ? `Your last answer was refused: ${state.errors[field]}.` : undefined,
    'Type your answer, or fill in the card and press Save.',
    inlineKeys(config, field),
    config.confirm === false ? 'Type cancel to stop.' : CANCEL_HINT,
    `Usage: ${USAGE[config.topic]}`,
  ].filter(Boolean).join(' ');
}

function confirmHelp(config: FormConfig): string {
  const names = config.fields.map((f) => f.name).join(', ');
  return `I am waiting for your go-ahead to save this ${config.noun}. Type save (or yes) to store it, edit FIELD to change one (${names}), or cancel to drop it; nothing is saved until you say save.`;
}

export function stepHelp(config: FormConfig, state: FormState | undefined): string {
  if (state?.confirming) return confirmHelp(config);
  if (state?.asking !== undefined) return fieldHelp(config, state, state.asking);
  return `I am working on a ${config.noun}. Usage: ${USAGE[config.topic]}. Type cancel to stop.`;
}
