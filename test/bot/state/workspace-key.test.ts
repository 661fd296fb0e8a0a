import type { Activity } from 'botbuilder';
import { joinStorageKey, splitStorageKey, workspaceKeyOf } from '../../../bot/state';

type Ids = Pick<Partial<Activity>, 'channelId' | 'conversation' | 'channelData'>;
const conversation = (id: string, extra: object = {}) => ({ id, name: '', isGroup: false, conversationType: 'personal', ...extra });

describe('workspaceKeyOf', () => {
  it.each<[string, Ids, string]>([
    ['Teams, tenant on the conversation', { channelId: 'msteams', conversation: conversation('a:1', { tenantId: 'tid-1' }) }, 'teams:tid-1'],
    ['Teams, tenant in channelData', { channelId: 'msteams', conversation: conversation('a:1'), channelData: { tenant: { id: 'tid-2' } } }, 'teams:tid-2'],
    [
      'Teams, conversation wins over channelData',
      { channelId: 'msteams', conversation: conversation('a:1', { tenantId: 'tid-1' }), channelData: { tenant: { id: 'other' } } },
      'teams:tid-1',
    ],
    ['Slack, channelData.team_id', { channelId: 'slack', conversation: conversation('c'), channelData: { team_id: 'T1' } }, 'slack:T1'],
    ['Slack, channelData.team.id', { channelId: 'slack', conversation: conversation('c'), channelData: { team: { id: 'T2' } } }, 'slack:T2'],
    ['Slack via Azure Bot Service', { channelId: 'slack', conversation: conversation('c'), channelData: { SlackMessage: { team_id: 'T3' } } }, 'slack:T3'],
    ['Slack, conversation properties', { channelId: 'slack', conversation: conversation('c', { properties: { team: { id: 'T4' } } }) }, 'slack:T4'],
    ['the emulator', { channelId: 'emulator', conversation: conversation('x|livechat') }, 'local:default'],
    ['Web Chat', { channelId: 'webchat', conversation: conversation('x') }, 'local:default'],
    ['Direct Line', { channelId: 'directline', conversation: conversation('x') }, 'local:default'],
    ["botbuilder's TestAdapter", { channelId: 'test', conversation: conversation('Convo1') }, 'local:default'],
    ['another channel: its conversation, encoded', { channelId: 'Telegram', conversation: conversation('a/b c') }, 'telegram:a%2Fb%20c'],
  ])('%s', (_name, activity, expected) => {
    const key = workspaceKeyOf(activity);
    expect(key).toBe(expected);
    expect(splitStorageKey(joinStorageKey(key, 'x/y/'))).toEqual({ workspaceKey: expected, key: 'x/y/' });
  });

  it.each<[string, Ids, RegExp]>([
    ['Teams without a tenant', { channelId: 'msteams', conversation: conversation('a:1'), channelData: {} }, /Teams activity names no tenant/],
    ['Slack without a team', { channelId: 'slack', conversation: conversation('c'), channelData: { team_id: '' } }, /Slack activity names no team/],
    ['no channel', { conversation: conversation('c') }, /no channelId/],
    ['another channel without a conversation', { channelId: 'sms' }, /sms activity has no conversation id/],
  ])('refuses %s', (_name, activity, message) => {
    expect(() => workspaceKeyOf(activity)).toThrow(message);
  });
});

describe('storage keys', () => {
  it('splits at the first slash only, keeping slashes of the botbuilder key', () => {
    expect(splitStorageKey('teams:t/msteams/conversations/a/b/')).toEqual({ workspaceKey: 'teams:t', key: 'msteams/conversations/a/b/' });
  });

  it('refuses to join a workspace key that is not kind:id', () => {
    expect(() => joinStorageKey('tenant-a', 'k')).toThrow(/not a workspace key/);
    expect(() => joinStorageKey('teams:a/b', 'k')).toThrow(/not a workspace key/);
  });
});
