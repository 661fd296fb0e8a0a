// Reading the message a Teams message action was used on: its HTML as text, its author, time and
// permalink, and where the note about it goes; the form's starting values from it.
import { capturedMessage, htmlToText, threadOf } from '../../../bot/teams/message-capture';
import { prefill } from '../../../dialogs/message-capture';

describe('htmlToText', () => {
  it('keeps paragraphs and breaks as lines, drops markup, keeps what a mention wraps, decodes entities', () => {
    expect(htmlToText('<div><p>Vendor <at id="0">Dana</at> says&nbsp;the API slips</p><p>By &#8220;two&#x201D; weeks &amp; more<br/>ask &lt;ops&gt;</p></div>')).toBe(
      'Vendor Dana says the API slips\nBy \u201ctwo\u201d weeks & more\nask <ops>',
    );
  });

  it('drops scripts and styles with their content, and runs of blank lines', () => {
    expect(htmlToText('<style>p{color:red}</style><p>one</p><p></p><p></p><p></p><script>alert(1)</script><p>two</p>')).toBe('one\n\ntwo');
  });

  it('leaves an entity it does not know, and a code point out of range, as written', () => {
    expect(htmlToText('a &bogus; b &#99999999; c')).toBe('a &bogus; b &#99999999; c');
  });
});

describe('capturedMessage', () => {
  it('reads text bodies as they are, and the author from a bot message too', () => {
    expect(capturedMessage({ body: { contentType: 'text', content: 'Disk full\r\non agent 3' }, from: { application: { id: 'x', displayName: 'Build bot' } } } as never)).toEqual({
      text: 'Disk full\non agent 3', authorName: 'Build bot',
    });
  });

  it('keeps only an http(s) permalink and a real time', () => {
    const message = capturedMessage({ body: { contentType: 'html', content: '<p>x</p>' }, linkToMessage: 'javascript:alert(1)', createdDateTime: 'not a date' } as never);
    expect(message).toEqual({ text: 'x', authorName: '' });
  });
});

describe('threadOf', () => {
  it('replies in a channel thread: the root message, whether the action was used on the root or a reply', () => {
    expect(threadOf('19:c@thread.tacv2;messageid=1', { id: '5' }, true)).toBe('19:c@thread.tacv2;messageid=5');
    expect(threadOf('19:c@thread.tacv2', { id: '7', replyToId: '5' }, true)).toBe('19:c@thread.tacv2;messageid=5');
  });

  it('posts in the chat itself where there are no threads', () => {
    expect(threadOf('19:group@thread.v2', { id: '7' }, false)).toBe('19:group@thread.v2');
  });
});

describe('prefill', () => {
  const when = new Date('2026-11-26T09:15:00Z');

  it('the title from the first line, the description from the whole message signed in the workspace zone, the project', () => {
    expect(prefill('risk', { text: 'API slips\n\nsecond line', authorName: 'Priya', createdAt: when }, 'Europe/Berlin', 'APOLLO')).toEqual({
      title: 'API slips', description: 'API slips\nsecond line\n\n— Priya, 26 Nov 2026 10:15', project: 'APOLLO',
    });
  });

  it('cuts a long first line to the title limit and a long message to the description limit, keeping the signature', () => {
    const values = prefill('issue', { text: `${'t'.repeat(300)}\n${'d'.repeat(5000)}`, authorName: 'Priya' }, 'UTC');
    expect([...String(values.title)]).toHaveLength(200);
    expect(String(values.title).endsWith('…')).toBe(true);
    expect([...String(values.description)]).toHaveLength(4000);
    expect(String(values.description).endsWith('\n\n— Priya')).toBe(true);
    expect(values.project).toBeUndefined();
  });

  it('an empty message leaves title and description empty for the person to type', () => {
    expect(prefill('decision', { text: '', authorName: 'Priya' }, 'UTC')).toEqual({});
  });
});
