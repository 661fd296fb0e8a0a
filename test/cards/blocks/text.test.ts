import fc from 'fast-check';
import { context, section } from '../../../cards/blocks/layout';
import { clipUnits, escapeMrkdwn, mrkdwnBlock, mrkdwnLine, plainLine, slackDate } from '../../../cards/blocks/text';

const LONE_SURROGATE = /\p{Cs}/u;

describe('escapeMrkdwn', () => {
  it.each([
    ['<script>&', '&lt;script&gt;&amp;'],
    ['<!channel> <@U123> <http://x|y>', '&lt;!channel&gt; &lt;@U123&gt; &lt;http://x|y&gt;'],
    ['&amp; stays as typed', '&amp;amp; stays as typed'],
    ['*bold* _it_ Zürich 🚀', '*bold* _it_ Zürich 🚀'],
  ])('%j → %j', (input, expected) => {
    expect(escapeMrkdwn(input)).toBe(expected);
  });
});

describe('clipUnits', () => {
  it('leaves short text alone and marks a cut with an ellipsis', () => {
    expect(clipUnits('abc', 3)).toBe('abc');
    expect(clipUnits('abcdef', 4)).toBe('abc…');
    expect(clipUnits('abc   def', 5)).toBe('abc…');
  });

  it('counts UTF-16 units and never splits an emoji, a flag or a family', () => {
    expect(clipUnits('🚀🚀🚀', 4)).toBe('🚀…');
    expect(clipUnits('ab🇯🇵🇯🇵', 6)).toBe('ab…');
    expect(clipUnits('👩‍👩‍👧‍👦xyz', 5)).toBe('…');
  });

  it('clips the escaped form, never inside an entity', () => {
    expect(clipUnits('a<b', 6, escapeMrkdwn)).toBe('a&lt;b');
    expect(clipUnits('a<b<c', 7, escapeMrkdwn)).toBe('a&lt;b…');
    expect(clipUnits('a<b<c', 6, escapeMrkdwn)).toBe('a&lt;…');
    expect(clipUnits('a<b<c', 5, escapeMrkdwn)).toBe('a…');
    expect(clipUnits('<<<<', 11, escapeMrkdwn)).toBe('&lt;&lt;…');
  });

  it('fits any text in the limit without a lone surrogate', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), fc.integer({ min: 1, max: 200 }), (text, max) => {
      const out = clipUnits(text, max, escapeMrkdwn);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(LONE_SURROGATE.test(out)).toBe(false);
    }));
  });
});

describe('mrkdwnLine, mrkdwnBlock and plainLine', () => {
  it('make one line of user text safe for mrkdwn, and plain text plain', () => {
    expect(mrkdwnLine('  a\n\t<b>\u0000  ', 100)).toBe('a &lt;b&gt;');
    expect(mrkdwnLine(undefined, 100)).toBe('');
    expect(plainLine('  <b> & \r\n c ', 100)).toBe('<b> & c');
  });

  it('keep line breaks in multi-line text and fold runs of blank lines', () => {
    expect(mrkdwnBlock('first\r\n\r\n\r\nsecond  \n  third & <x>', 100)).toBe('first\n\nsecond\n third &amp; &lt;x&gt;');
    expect(mrkdwnBlock('   \n ', 100)).toBe('');
  });

  it('replace half an emoji instead of passing it on', () => {
    expect(plainLine('a\uD83Db', 10)).toBe('a\uFFFDb');
    expect(LONE_SURROGATE.test(mrkdwnBlock('x\uDE80', 10))).toBe(false);
  });

  it('clip 10,000 characters to the limit', () => {
    const out = mrkdwnLine('<&>'.repeat(3400), 3000);
    expect(out.length).toBeLessThanOrEqual(3000);
    expect(out.endsWith('…')).toBe(true);
    expect(out).toMatch(/^(&lt;|&amp;|&gt;)+…$/);
  });
});

describe('slackDate', () => {
  it('renders in each reader\'s zone with a UTC fallback, or gives up on a bad date', () => {
    expect(slackDate('2026-11-01T09:13:00.000Z')).toBe(`<!date^${Date.UTC(2026, 10, 1, 9, 13) / 1000}^{date_short} {time}|2026-11-01 09:13Z>`);
    expect(slackDate('not a date')).toBeUndefined();
  });
});

describe('section and context (the backstop clip of ready mrkdwn)', () => {
  const textOf = (block: { text?: { text: string } }): string => block.text?.text ?? '';

  it('never leaves half an entity or half a <…> token at the cut', () => {
    const entity = textOf(section(`${'x'.repeat(2995)}&amp;&amp;`));
    expect(entity).toBe(`${'x'.repeat(2995)}…`);
    const token = textOf(section(`${'x'.repeat(2990)}<!date^1^{date_short}|x>`));
    expect(token).toBe(`${'x'.repeat(2990)}…`);
    expect(context(`${'y'.repeat(2999)}&lt;`).elements[0].text).toBe(`${'y'.repeat(2999)}…`);
  });

  it('leaves text that fits as it is', () => {
    expect(textOf(section('a &amp; b'))).toBe('a &amp; b');
  });
});
