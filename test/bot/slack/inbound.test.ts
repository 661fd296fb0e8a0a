import type { BlockAction, SlashCommand, ViewSubmitAction } from '@slack/bolt';
import { fromBlockActions, fromCommand, fromMessage, fromViewSubmission } from '../../../bot/slack/inbound';

const envelope = { team_id: 'T1', event_id: 'Ev1', authorizations: [{ user_id: 'UBOT', is_bot: true }] };
const message = (text: string, extra: Record<string, unknown> = {}) => ({ type: 'message', channel: 'D1', channel_type: 'im', user: 'U1', text, ts: '10.1', ...extra });

describe('Slack payloads as activities', () => {
  it('makes a slash command a message in the asker’s conversation of that channel, keyed by its trigger', () => {
    const inbound = fromCommand({ team_id: 'T1', user_id: 'U1', channel_id: 'C1', channel_name: 'general', text: 'list risks', trigger_id: 'tr1', response_url: 'https://hooks.example/1' } as SlashCommand);
    expect(inbound.key).toBe('command:tr1');
    expect(inbound.activity).toMatchObject({ channelId: 'slack', text: 'list risks', from: { id: 'U1' }, conversation: { id: 'C1::U1', conversationType: 'channel', tenantId: 'T1' }, channelData: { team_id: 'T1' } });
    expect(inbound.turn).toMatchObject({ source: 'command', channel: 'C1', channelType: 'channel', triggerId: 'tr1', responseUrl: 'https://hooks.example/1' });
  });

  it('strips the bot’s mention from a DM and a mention; a mention’s dialog lives in its thread', () => {
    expect(fromMessage(envelope, message('<@UBOT> help'), 'message')?.activity.text).toBe('help');
    const mention = fromMessage(envelope, { ...message('<@UBOT> risk owner=<@U2>'), type: 'app_mention', channel: 'C1', channel_type: undefined }, 'mention');
    expect(mention?.activity).toMatchObject({ text: 'risk owner=<@U2>', conversation: { id: 'C1:10.1:U1' } });
    expect(mention?.turn.threadTs).toBe('10.1');
  });

  it('ignores edits, bots and messages without a person', () => {
    expect(fromMessage(envelope, message('x', { subtype: 'message_changed' }), 'message')).toBeNull();
    expect(fromMessage(envelope, message('x', { bot_id: 'B1' }), 'message')).toBeNull();
    expect(fromMessage(envelope, message('x', { user: undefined }), 'message')).toBeNull();
  });

  const click = (value: string, extra: Partial<BlockAction> = {}): BlockAction => ({
    type: 'block_actions', team: { id: 'T1', domain: 't1' }, user: { id: 'U1', username: 'u1' }, trigger_id: 'tr2', response_url: 'https://hooks.example/2',
    container: { type: 'message', channel_id: 'C1', message_ts: '20.1' }, channel: { id: 'C1', name: 'general' }, message: { type: 'message', ts: '20.1' },
    actions: [{ type: 'button', action_id: `${JSON.parse(value).verb}:0`, value, block_id: 'b', action_ts: '21', text: { type: 'plain_text', text: 'x' } }],
    state: { values: { title: { title: { type: 'plain_text_input', value: 'Typed' } } } },
    ...extra,
  } as unknown as BlockAction);

  it('merges a button’s card data with the inputs beside it, as a Teams Action.Submit does', () => {
    const inbound = fromBlockActions(click(JSON.stringify({ verb: 'pmo.form.submit', command: 'risk' })));
    expect(inbound?.activity.value).toEqual({ verb: 'pmo.form.submit', command: 'risk', title: 'Typed' });
    expect(inbound?.turn).toMatchObject({ source: 'action', channel: 'C1', triggerId: 'tr2' });
  });

  it('turns a list page button into the list command again, with the page', () => {
    const inbound = fromBlockActions(click(JSON.stringify({ verb: 'pmo.list.page', kind: 'issue', page: 2, pageSize: 20 })));
    expect(inbound?.activity.text).toBe('list issues');
    expect(inbound?.turn.page).toEqual({ page: 2, pageSize: 20 });
  });

  it('leaves buttons and modals that are not ours alone', () => {
    expect(fromBlockActions(click(JSON.stringify({ verb: 'someone.else' })))).toBeNull();
    const foreign = { type: 'view_submission', team: { id: 'T1' }, user: { id: 'U1' }, trigger_id: 't', view: { id: 'V1', private_metadata: 'theirs', state: { values: {} } } };
    expect(fromViewSubmission(foreign as unknown as ViewSubmitAction)).toBeNull();
  });

  describe('the "Log in PMO register" modal', () => {
    const meta = JSON.stringify({ data: { capture: 'risk' }, at: { channel: 'C1', channelType: 'channel', threadTs: '30.1', origin: { url: 'https://t.slack.com/p1', authorName: 'Priya' } } });
    const values = { title: { title: { type: 'plain_text_input', value: 'Edited' } }, logKind: { logKind: { type: 'static_select', selected_option: { value: 'issue' } } } };
    const view = (callbackId: string) => ({ id: 'V9', hash: 'h9', type: 'modal', callback_id: callbackId, private_metadata: meta, title: { type: 'plain_text', text: 'Log' }, state: { values } });
    const pick = (callbackId: string): BlockAction => ({
      type: 'block_actions', team: { id: 'T1', domain: 't1' }, user: { id: 'U1', username: 'u1' }, trigger_id: 'tr9', container: { type: 'view', view_id: 'V9' },
      view: view(callbackId), actions: [{ type: 'static_select', action_id: 'logKind', block_id: 'logKind', action_ts: '31', selected_option: { value: 'issue' } }],
    } as unknown as BlockAction);

    it('makes its kind select a turn that switches the form, with the view’s hash and what the inputs hold', () => {
      const inbound = fromBlockActions(pick('pmo.log_message.kind'));
      expect(inbound?.turn).toMatchObject({ source: 'action', viewId: 'V9', viewHash: 'h9', capture: { kind: 'risk' }, threadTs: '30.1', origin: { authorName: 'Priya' } });
      expect(inbound?.activity.value).toEqual({ title: 'Edited', logKind: 'issue' });
    });

    it('ignores the same select id in any other view', () => {
      expect(fromBlockActions(pick('pmo.form.submit'))).toBeNull();
    });

    it('makes its Save a capture turn carrying the inputs alone (no dialog verb)', () => {
      const submit = { type: 'view_submission', team: { id: 'T1' }, user: { id: 'U1' }, trigger_id: 'tr10', view: view('pmo.log_message.kind') };
      const inbound = fromViewSubmission(submit as unknown as ViewSubmitAction);
      expect(inbound?.turn).toMatchObject({ source: 'view', viewId: 'V9', capture: { kind: 'risk' } });
      expect(inbound?.turn.viewHash).toBeUndefined();
      expect(inbound?.activity.value).toEqual({ title: 'Edited', logKind: 'issue' });
    });
  });
});
