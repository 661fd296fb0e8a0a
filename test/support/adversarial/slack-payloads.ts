// Interactivity payloads as Slack sends them, with the input state the test chooses (any JSON).
import type { Where } from '../slack-requests';

type Json = Record<string, unknown>;

/** A modal of ours as the bot opened it. */
export interface ViewRef {
  id: string;
  private_metadata: string;
  callback_id?: string;
  title?: unknown;
  blocks?: Json[];
}

let seq = 0;
const next = (prefix: string): string => `${prefix}${Date.now().toString(36)}${(++seq).toString(36)}`;

/**
 * state.values for `blocks`' inputs, filled in turn from `inputs` (strings as each element type
 * reports them, anything else as it is), plus every entry of `inputs` as a text input of its own.
 */
export function stateFor(blocks: readonly Json[], inputs: Record<string, unknown>): Json {
  const given = Object.values(inputs);
  const values: Json = {};
  let k = 0;
  for (const block of blocks) {
    if (block.type !== 'input') continue;
    const element = block.element as { type: string; action_id: string };
    const value = given.length > 0 ? given[k++ % given.length] : '';
    const state =
      typeof value !== 'string' ? { type: element.type, value, selected_option: value, selected_date: value }
      : element.type === 'static_select' ? { type: element.type, selected_option: value ? { value, text: { type: 'plain_text', text: value } } : null }
      : element.type === 'datepicker' ? { type: element.type, selected_date: value || null }
      : { type: element.type, value: value || null };
    values[String(block.block_id ?? element.action_id)] = { [element.action_id]: state };
  }
  for (const [id, value] of Object.entries(inputs)) {
    values[`extra-${id}`] = { [id]: { type: 'plain_text_input', value } };
  }
  return values;
}

/**
 * block_actions for `button` (in a modal when `view` is given, else in a message in the
 * conversation's channel), or a view_submission's common part when there is no button.
 */
export function interaction(where: Where, button: { action_id: string; value: string } | undefined, opts: { responseUrl?: string; state: Json; view?: ViewRef }): Json {
  const channel = where.channel ?? `D${where.user}`;
  const payload: Json = {
    type: 'block_actions',
    team: { id: where.team, domain: where.team.toLowerCase() },
    user: { id: where.user, username: where.user.toLowerCase(), name: where.user.toLowerCase(), team_id: where.team },
    api_app_id: 'A1',
    token: 'legacy-verification-token',
    trigger_id: next('trig.'),
  };
  if (button) {
    payload.actions = [{ type: 'button', block_id: 'b1', action_id: button.action_id, value: button.value, text: { type: 'plain_text', text: 'x' }, action_ts: `${Date.now() / 1000}` }];
    if (opts.responseUrl && !opts.view) payload.response_url = opts.responseUrl;
  }
  if (opts.view) {
    const { id, private_metadata, callback_id, title, blocks } = opts.view;
    payload.container = { type: 'view', view_id: id };
    payload.view = {
      id, team_id: where.team, type: 'modal', callback_id: callback_id ?? 'pmo.form.submit', private_metadata, title: title ?? { type: 'plain_text', text: 'Form' },
      hash: next('h'), state: { values: opts.state }, blocks: blocks ?? [], app_id: 'A1', bot_id: 'B1', root_view_id: id, previous_view_id: null, clear_on_close: false, notify_on_close: true,
    };
  } else {
    const ts = '1700000000.000001';
    payload.container = { type: 'message', message_ts: ts, channel_id: channel, is_ephemeral: false };
    payload.channel = { id: channel, name: channel.startsWith('D') ? 'directmessage' : 'general' };
    payload.message = { type: 'message', ts };
    payload.state = { values: opts.state };
  }
  return payload;
}
