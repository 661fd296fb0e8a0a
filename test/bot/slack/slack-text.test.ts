import { mentionedUserIds, nameMentions, plainFromSlack, stripBotMention } from '../../../bot/slack/slack-text';
import { channelTypeOf, conversationIdOf, decodeMetadata, encodeMetadata, placeOfConversationId } from '../../../bot/slack/slack-turn';

describe('Slack text to command text', () => {
  it.each([
    ['risk A &amp; B &lt;draft&gt;', 'risk A & B <draft>'],
    ['risk see <https://x.example/doc|the doc>', 'risk see the doc'],
    ['risk see <https://x.example/doc>', 'risk see https://x.example/doc'],
    ['risk mail <mailto:a@b.example|a@b.example>', 'risk mail a@b.example'],
    ['link APOLLO in <#C123|apollo>', 'link APOLLO in #apollo'],
    ['risk <!here> look', 'risk @here look'],
    ['risk owner=<@U123|jane> p=2', 'risk owner=<@U123|jane> p=2'],
    ['risk\u00a0title', 'risk title'],
  ])('%j → %j', (slack, plain) => {
    expect(plainFromSlack(slack)).toBe(plain);
  });

  it('strips the bot’s own mention wherever it is, and only that one', () => {
    expect(stripBotMention('<@UBOT> risk owner=<@UJANE>', 'UBOT').trim()).toBe('risk owner=<@UJANE>');
    expect(stripBotMention('hey <@UBOT|pmo> list risks', 'UBOT').replace(/\s+/g, ' ').trim()).toBe('hey list risks');
    expect(stripBotMention('<@UBOT> help', undefined).trim()).toBe('help');
  });

  it('turns mentions into the parser’s @{id|name} with the current display name, else Slack’s label', () => {
    const text = 'risk owner=<@UJANE|jane> pm=<@UX> by=<@UKIM|kim>';
    expect(mentionedUserIds(text)).toEqual(['UJANE', 'UX', 'UKIM']);
    expect(nameMentions(text, new Map([['UJANE', 'Jane <Doe> {x|y}']]))).toBe('risk owner=@{UJANE|Jane Doe xy} pm=@{UX} by=@{UKIM|kim}');
  });
});

describe('Slack turn places', () => {
  it('keys a dialog by channel, thread and person', () => {
    const id = conversationIdOf({ channel: 'C1', threadTs: '17.01', userId: 'U1' });
    expect(id).toBe('C1:17.01:U1');
    expect(placeOfConversationId(id)).toEqual({ channel: 'C1', threadTs: '17.01', userId: 'U1' });
    expect(placeOfConversationId(conversationIdOf({ channel: 'D1', userId: 'U1' }))).toEqual({ channel: 'D1', threadTs: undefined, userId: 'U1' });
  });

  it('tells DMs, group DMs and channels apart', () => {
    expect(channelTypeOf('D1')).toBe('im');
    expect(channelTypeOf('C1', 'directmessage')).toBe('im');
    expect(channelTypeOf('G1', 'mpdm-ada--bob-1')).toBe('mpim');
    expect(channelTypeOf('C1', 'general')).toBe('channel');
    expect(channelTypeOf('G1', 'group')).toBe('group');
  });

  it('reads back its own modal metadata and nothing else', () => {
    const meta = { data: { verb: 'pmo.form.submit', command: 'risk' }, at: { channel: 'C1', channelType: 'channel' as const } };
    expect(decodeMetadata(encodeMetadata(meta))).toEqual(meta);
    expect(decodeMetadata('')).toBeUndefined();
    expect(decodeMetadata('not json')).toBeUndefined();
    expect(decodeMetadata('{"data":{}}')).toBeUndefined();
  });
});
