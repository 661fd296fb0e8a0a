// Reading a submitted form back: Slack's state.values → { fieldId: value }, as a Teams submit merges them.
import { RESERVED_DATA_KEYS } from '../verbs';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');
const optionValue = (option: unknown): string => (isObject(option) ? text(option.value) : '');

/** One element's answer as a string ('' when left empty, as Teams sends an empty input); undefined if not an input. */
function answer(state: Json): string | undefined {
  switch (state.type) {
    case 'plain_text_input':
    case 'number_input':
    case 'email_text_input':
    case 'url_text_input':
      return text(state.value);
    case 'datepicker':
      return text(state.selected_date); // YYYY-MM-DD
    case 'timepicker':
      return text(state.selected_time);
    case 'static_select':
    case 'external_select':
    case 'radio_buttons':
      return optionValue(state.selected_option);
    case 'users_select':
      return text(state.selected_user);
    case 'conversations_select':
      return text(state.selected_conversation);
    case 'channels_select':
      return text(state.selected_channel);
    case 'checkboxes':
    case 'multi_static_select':
      return Array.isArray(state.selected_options) ? state.selected_options.map(optionValue).filter(Boolean).join(',') : '';
    default:
      return undefined;
  }
}

/**
 * `view.state.values` of a modal submit, or `state.values` of a block_actions payload, keyed by
 * block id then action id. Our inputs use the field id for both, so the action id is the key.
 * Reserved keys (verb, command…) are dropped so merging the result into action data is safe.
 */
export function formValuesFromState(values: Record<string, Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObject(values)) return out;
  for (const block of Object.values(values)) {
    if (!isObject(block)) continue;
    for (const [actionId, state] of Object.entries(block)) {
      if (!isObject(state) || RESERVED_DATA_KEYS.includes(actionId) || actionId === '__proto__') continue;
      const value = answer(state);
      if (value !== undefined) out[actionId] = value;
    }
  }
  return out;
}
