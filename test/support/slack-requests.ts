import crypto from 'node:crypto';

export interface SendOptions {
  /** Unix seconds for X-Slack-Request-Timestamp (default: now). */
  timestamp?: number;
  /** Replace the computed signature (a forged one), or null to send none. */
  signature?: string | null;
  retryNum?: number;
}

export interface Where {
  team: string;
  user: string;
  channel?: string; // default: the user's DM with the bot
  channelName?: string;
}

let seq = 0;
const next = (prefix: string): string => `${prefix}${Date.now().toString(36)}${(++seq).toString(36)}`;

/** The sender of an interactivity payload (block_actions, view_submission, view_closed), as Slack names them. */
function interactor(where: Where): Record<string, unknown> {
  return {
    team: { id: where.team, domain: where.team.toLowerCase() },
    user: { id: where.user, username: where.user.toLowerCase(), name: where.user.toLowerCase(), team_id: where.team },
    api_app_id: 'A1',
    token: 'legacy-verification-token',
  };
}

type ModalRef = { id: string; private_metadata: string; title?: unknown; callback_id?: string };

/** A modal of ours as Slack hands it back when it is submitted or closed, holding `values`. */
function viewPayload(where: Where, view: ModalRef, values: Record<string, unknown>, notifyOnClose: boolean): Record<string, unknown> {
  return {
    id: view.id, team_id: where.team, type: 'modal', callback_id: view.callback_id ?? 'pmo.form.submit', private_metadata: view.private_metadata,
    title: view.title ?? { type: 'plain_text', text: 'Form' }, hash: next('h'), state: { values }, blocks: [],
    app_id: 'A1', bot_id: 'B1', close: null, submit: null, root_view_id: view.id, previous_view_id: null, clear_on_close: false, notify_on_close: notifyOnClose,
  };
}

/** Signs and sends requests exactly as Slack does: v0 HMAC-SHA256 of `v0:timestamp:body`. */
export class SlackSender {
  constructor(private readonly url: string, private readonly signingSecret: string, private readonly responseUrl: (id: string) => string) {}

  sign(body: string, timestamp: number): string {
    return `v0=${crypto.createHmac('sha256', this.signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  }

  async send(body: string, contentType: string, opts: SendOptions = {}): Promise<Response> {
    const timestamp = opts.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = { 'content-type': contentType, 'x-slack-request-timestamp': String(timestamp) };
    const signature = opts.signature === undefined ? this.sign(body, timestamp) : opts.signature;
    if (signature !== null) headers['x-slack-signature'] = signature;
    if (opts.retryNum !== undefined) {
      headers['x-slack-retry-num'] = String(opts.retryNum);
      headers['x-slack-retry-reason'] = 'http_timeout';
    }
    return fetch(`${this.url}/slack/events`, { method: 'POST', headers, body });
  }

  /** A `/pmo` slash command, form-encoded; returns the response and its trigger and response_url ids. */
  async command(text: string, where: Where, opts: SendOptions = {}): Promise<{ res: Response; triggerId: string; responseId: string }> {
    const triggerId = next('trig.');
    const responseId = next('cmd');
    const channel = where.channel ?? `D${where.user}`;
    const form = new URLSearchParams({
      token: 'legacy-verification-token', team_id: where.team, team_domain: where.team.toLowerCase(), channel_id: channel,
      channel_name: where.channelName ?? (channel.startsWith('D') ? 'directmessage' : 'general'), user_id: where.user,
      user_name: where.user.toLowerCase(), command: '/pmo', text, api_app_id: 'A1', is_enterprise_install: 'false',
      response_url: this.responseUrl(responseId), trigger_id: triggerId,
    });
    const res = await this.send(form.toString(), 'application/x-www-form-urlencoded', opts);
    return { res, triggerId, responseId };
  }

  /** Interactivity: `payload=<json>`, form-encoded (block_actions, view_submission). */
  async interaction(payload: Record<string, unknown>, opts: SendOptions = {}): Promise<Response> {
    return this.send(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded', opts);
  }

  /** An Events API callback (JSON); returns the response and the event id. */
  async event(team: string, event: Record<string, unknown>, opts: SendOptions & { eventId?: string; botUserId?: string } = {}): Promise<{ res: Response; eventId: string }> {
    const eventId = opts.eventId ?? next('Ev');
    const body = JSON.stringify({
      token: 'legacy-verification-token', team_id: team, api_app_id: 'A1', event, type: 'event_callback', event_id: eventId,
      event_time: Math.floor(Date.now() / 1000), authorizations: [{ enterprise_id: null, team_id: team, user_id: opts.botUserId ?? 'UBOT', is_bot: true }],
    });
    return { res: await this.send(body, 'application/json', opts), eventId };
  }

  /** A DM to the bot (message.im). */
  dm(text: string, where: Where, opts: SendOptions & { eventId?: string; threadTs?: string } = {}): Promise<{ res: Response; eventId: string }> {
    const ts = `${Math.floor(Date.now() / 1000)}.${String(++seq).padStart(6, '0')}`;
    const event = { type: 'message', channel: where.channel ?? `D${where.user}`, channel_type: 'im', user: where.user, text, ts, team: where.team, ...(opts.threadTs ? { thread_ts: opts.threadTs } : {}) };
    return this.event(where.team, event, opts);
  }

  /** `@PMO Assistant …` in a channel (app_mention). */
  mention(text: string, where: Where & { channel: string }, opts: SendOptions & { threadTs?: string } = {}): Promise<{ res: Response; eventId: string; ts: string }> {
    const ts = `${Math.floor(Date.now() / 1000)}.${String(++seq).padStart(6, '0')}`;
    const event = { type: 'app_mention', channel: where.channel, user: where.user, text: `<@UBOT> ${text}`, ts, team: where.team, ...(opts.threadTs ? { thread_ts: opts.threadTs } : {}) };
    return this.event(where.team, event, opts).then((r) => ({ ...r, ts }));
  }

  /** A button click: block_actions with the button's action and the state of the inputs around it. */
  click(
    where: Where,
    button: { action_id: string; value: string },
    container: { view?: Record<string, unknown>; message?: { ts: string; thread_ts?: string }; ephemeral?: boolean; state?: Record<string, unknown> },
  ): Promise<Response> {
    const channel = where.channel ?? `D${where.user}`;
    const payload: Record<string, unknown> = {
      type: 'block_actions',
      ...interactor(where),
      trigger_id: next('trig.'),
      response_url: this.responseUrl(next('act')),
      actions: [{ type: 'button', block_id: 'b1', action_id: button.action_id, value: button.value, text: { type: 'plain_text', text: 'x' }, action_ts: `${Date.now() / 1000}` }],
    };
    if (container.view) {
      payload.container = { type: 'view', view_id: container.view.id };
      payload.view = container.view;
    } else {
      const ts = container.message?.ts ?? '1700000000.000001';
      payload.container = { type: container.ephemeral ? 'message' : 'message', message_ts: ts, channel_id: channel, is_ephemeral: container.ephemeral ?? false };
      payload.channel = { id: channel, name: channel.startsWith('D') ? 'directmessage' : 'general' };
      if (!container.ephemeral) payload.message = { type: 'message', ts, ...(container.message?.thread_ts ? { thread_ts: container.message.thread_ts } : {}) };
      payload.state = { values: container.state ?? {} };
    }
    return this.interaction(payload);
  }

  /** A modal submitted, with its inputs' state as Slack reports it. */
  submit(where: Where, view: ModalRef, values: Record<string, unknown>): Promise<Response> {
    return this.interaction({ type: 'view_submission', ...interactor(where), trigger_id: next('trig.'), view: viewPayload(where, view, values, false) });
  }
}

/** A modal closed with its X or Cancel (view_closed, sent when the view asked notify_on_close). */
export function closedPayload(where: Where, view: { id: string; private_metadata: string }): Record<string, unknown> {
  // Only its id and metadata are read; callback_id and title stay a form's defaults.
  const ref = { id: view.id, private_metadata: view.private_metadata };
  return { type: 'view_closed', ...interactor(where), is_cleared: false, view: viewPayload(where, ref, {}, true) };
}

/** Slack's state.values for inputs whose block_id and action_id are the field id. */
export function stateValues(fields: Record<string, { type: string; value: string }>): Record<string, Record<string, unknown>> {
  const values: Record<string, Record<string, unknown>> = {};
  for (const [id, { type, value }] of Object.entries(fields)) {
    const state =
      type === 'static_select' ? { type, selected_option: value ? { value, text: { type: 'plain_text', text: value } } : null }
      : type === 'datepicker' ? { type, selected_date: value || null }
      : { type, value: value || null };
    values[id] = { [id]: state };
  }
  return values;
}

/**
 * The state.values Slack sends for a form: every input block of `blocks` with what it holds (its
 * initial value, or empty), `answers` typed over them by field id.
 */
export function formState(blocks: Record<string, unknown>[], answers: Record<string, string> = {}): Record<string, Record<string, unknown>> {
  const fields: Record<string, { type: string; value: string }> = {};
  for (const block of blocks) {
    if (block.type !== 'input') continue;
    const element = block.element as { type: string; action_id: string; initial_value?: string; initial_date?: string; initial_option?: { value: string } };
    const initial = element.initial_value ?? element.initial_date ?? element.initial_option?.value ?? '';
    fields[element.action_id] = { type: element.type, value: answers[element.action_id] ?? initial };
  }
  return stateValues(fields);
}
