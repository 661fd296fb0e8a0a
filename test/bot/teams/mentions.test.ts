// The Teams door turns `<at>…</at>` mentions into the parser's `@{id|name}` through the message's entities.
import type { Activity } from 'botbuilder';
import { mentionsOf, neutralMentions } from '../../../bot/teams/mentions';

const mention = (id: string, name: string, text = `<at>${name}</at>`) => ({ type: 'mention', text, mentioned: { id, name } });

const activity = (text: string, ...entities: { type: string; [k: string]: unknown }[]): Partial<Activity> => ({
  type: 'message',
  text,
  recipient: { id: 'bot', name: 'PMO' },
  entities: [mention('bot', 'PMO'), ...entities, { type: 'clientInfo', locale: 'en-GB' }],
});

const neutral = (a: Partial<Activity>): string => neutralMentions(a.text ?? '', mentionsOf(a));

describe('Teams mentions at the door', () => {
  it('takes the mentions of the message, not the bot itself', () => {
    expect(mentionsOf(activity('', mention('u-jane', 'Jane Doe')))).toEqual([{ text: '<at>Jane Doe</at>', id: 'u-jane', name: 'Jane Doe' }]);
  });

  it.each([
    ['role <at>Jane Doe</at> pm', 'role @{u-jane|Jane Doe} pm'],
    ['risk x owner=<at>jane  doe</at> p=2', 'risk x owner=@{u-jane|Jane Doe} p=2'],
    ['risk x owner=<AT>Jane Doe</AT>', 'risk x owner=@{u-jane|Jane Doe}'],
    ['role <at>Carol</at> pm', 'role @{|Carol} pm'],
    ['risk x owner=<at>Jane', 'risk x owner=<at>Jane'],
    ['no mentions here', 'no mentions here'],
  ])('%j → %j', (text, expected) => {
    expect(neutral(activity(text, mention('u-jane', 'Jane Doe')))).toBe(expected);
  });

  it('matches by the entity text first, then by the visible name', () => {
    const bob = mention('29:bob', 'Bob Builder', '<at>Bob</at>');
    expect(neutral(activity('role <at>Bob</at> pm', bob))).toBe('role @{29:bob|Bob Builder} pm');
    expect(neutral(activity('role <at>bob builder</at> pm', bob))).toBe('role @{29:bob|Bob Builder} pm');
  });

  it('keeps braces and bars of a name out of the token, and ignores entities that are not strings', () => {
    expect(neutral(activity('role <at>Jo</at> pm', mention('29:jo', 'Jo {x|y}', '<at>Jo</at>')))).toBe('role @{29:jo|Jo xy} pm');
    expect(neutral(activity('role <at>Jo</at> pm', { type: 'mention', text: 7, mentioned: { id: '29:jo', name: null } }))).toBe('role @{|Jo} pm');
  });

  it('reads many unclosed mentions in linear time', () => {
    const text = '<at>x '.repeat(20000);
    expect(neutral(activity(text))).toBe(text);
  });
});
