// Signed Slack requests of odd shapes: fields of the wrong type, missing state, unknown kinds.
import type { Where } from '../slack-requests';
import type { OddStep } from './plan';
import { interaction } from './slack-payloads';

type Json = Record<string, unknown>;
const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

const form = (fields: Record<string, string>): string => new URLSearchParams(fields).toString();
const payload = (p: unknown): { body: string; contentType: string } => ({ body: form({ payload: typeof p === 'string' ? p : JSON.stringify(p) }), contentType: FORM });

function event(where: Where, ev: Json): { body: string; contentType: string } {
  const body = {
    token: 'legacy-verification-token', team_id: where.team, api_app_id: 'A1', event: ev, type: 'event_callback', event_id: `EvOdd${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`,
    event_time: Math.floor(Date.now() / 1000), authorizations: [{ enterprise_id: null, team_id: where.team, user_id: 'UBOT', is_bot: true }],
  };
  return { body: JSON.stringify(body), contentType: JSON_TYPE };
}

type Request = { body: string; contentType: string };

/** The body of one odd request (variant chosen by the step; numbers wrap around). */
export function oddSlackRequest(step: OddStep, where: Where, responseUrl: string): Request {
  const variants = oddSlackVariants(step, where, responseUrl);
  return variants[step.variant % variants.length]();
}

/** How many odd requests there are. */
export const oddSlackCount = (): number => oddSlackVariants({ type: 'odd', ws: 'sa', conv: 'admin', marker: '', variant: 0 }, { team: 'T', user: 'U' }, '').length;

function oddSlackVariants(step: OddStep, where: Where, responseUrl: string): (() => Request)[] {
  const channel = where.channel ?? `D${where.user}`;
  const ts = `${Math.floor(Date.now() / 1000)}.000001`;
  const meta = (at: unknown, data: unknown = { verb: 'pmo.form.submit', command: 'risk' }): string => JSON.stringify({ data, at });
  const view = (privateMetadata: string, state: unknown): Json => ({ id: 'V-ODD', team_id: where.team, type: 'modal', callback_id: 'pmo.form.submit', private_metadata: privateMetadata, title: { type: 'plain_text', text: 'Form' }, hash: 'h', ...(state === undefined ? {} : { state }), blocks: [] });
  const base = interaction(where, undefined, { state: {} });
  return [
    () => event(where, { type: 'message', channel, channel_type: 'im', user: { $ne: null }, text: `help ${step.marker}`, ts }),
    () => payload({ ...base, type: 'view_submission', view: view(meta({ channel, channelType: 'im' }), undefined) }),
    () => payload({ ...base, actions: [] }),
    () => payload({ ...base, actions: [{ type: 'button', action_id: 'pmo.item.show:0', value: `not json ${step.marker}`, action_ts: '1' }], response_url: responseUrl }),
    () => payload({ ...base, type: 'view_submission', view: view(`{"at": {"channel": {"$ne": null}}}`, { values: {} }) }),
    () => ({ body: form({ token: 't', team_id: where.team, user_id: where.user, channel_id: channel, command: '/pmo', response_url: responseUrl, trigger_id: 'trig.odd' }), contentType: FORM }),
    () => event(where, { type: 'reaction_added', user: where.user, reaction: 'fire', item: { type: 'message', channel, ts } }),
    () => event(where, { type: 'message', subtype: 'message_changed', channel, channel_type: 'im', message: { text: `risk ${step.marker} p=3 i=3`, user: where.user }, ts }),
    () => event(where, { type: 'app_home_opened', user: where.user, channel, tab: 'home' }),
    () => payload({ ...base, type: 'view_submission', view: view(meta({ channel, channelType: 'im' }), { values: [step.marker] }) }),
    () => payload({ ...base, type: 'view_submission', view: view(meta({ channel, channelType: 'im' }), JSON.parse(`{"values": {"__proto__": {"title": {"type": "plain_text_input", "value": "${step.marker}"}}}}`)) }),
    () => payload({ ...base, view: { id: 'V-HOME', type: 'home', state: { values: {} } }, container: { type: 'view', view_id: 'V-HOME' }, actions: [{ type: 'button', action_id: 'pmo.item.show:0', value: JSON.stringify({ verb: 'pmo.item.show', key: 'R-1' }), action_ts: '1' }] }),
    () => payload({ ...base, type: 'shortcut', callback_id: 'pmo.shortcut' }),
    () => event(where, { type: 'app_mention', channel: where.channel ?? 'CODD', user: where.user, text: `<@UBOT> list risks ${step.marker}`, ts, thread_ts: '1699999999.000001' }),
    () => event(where, { type: 'message', channel, channel_type: 'im', user: where.user, text: [`risk ${step.marker}`], ts }),
    () => payload({ ...base, type: 'view_submission', view: view(meta({ channel, channelType: '__proto__', threadTs: { $ne: null }, responseUrl: 42 }), { values: {} }) }),
    () => payload({ ...base, type: 'view_closed', view: view(meta({ channel, channelType: 'im' }, { verb: 'pmo.cancel', command: { $ne: null } }), { values: {} }) }),
    () => payload(`{"type": "block_actions", ${step.marker}`),
    () => ({ body: JSON.stringify({}), contentType: JSON_TYPE }),
    () => ({ body: JSON.stringify({ type: 'url_verification', challenge: step.marker }), contentType: JSON_TYPE }),
    () => payload({ ...base, type: 'view_submission', view: view(meta({ channel, channelType: 'im' }, [step.marker]), { values: { t: { t: { type: 'plain_text_input', value: ['a'] } } } }) }),
    () => payload({ ...base, type: 'block_actions', user: { id: { $ne: null } }, actions: [{ type: 'button', action_id: 'pmo.cancel:0', value: '{"verb":"pmo.cancel"}', action_ts: '1' }], response_url: responseUrl }),
    // An operator where the team id belongs: it must never select another team's installation or data.
    () => payload({ ...base, team: { id: { $ne: null } }, user: { id: where.user }, actions: [{ type: 'button', action_id: 'pmo.item.show:0', value: '{"verb":"pmo.item.show","key":"R-1"}', action_ts: '1' }], response_url: responseUrl }),
    () => {
      const sent = event(where, { type: 'message', channel, channel_type: 'im', user: where.user, text: 'list risks', ts });
      return { ...sent, body: JSON.stringify({ ...(JSON.parse(sent.body) as Json), team_id: { $gt: '' } }) };
    },
    () => payload({ ...base, type: 'view_submission', team: { id: { $gt: '' } }, user: { id: where.user }, view: { ...view(meta({ channel, channelType: 'im' }, { verb: 'pmo.item.show', key: 'R-1' }), { values: {} }), team_id: { $gt: '' } } }),
  ];
}
