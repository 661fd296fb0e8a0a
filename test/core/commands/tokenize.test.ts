import { normalizeText, spanText, tokenize, type Token } from '../../../core/commands/tokenize';

/** A compact picture of tokens: `word`, `"quoted"`, `key=value`, `key="quoted"`, `key="unclosed!`. */
function shape(tokens: Token[]): string[] {
  return tokens.map((t) => {
    if (t.kind === 'word') return t.quoted ? `"${t.text}"` : t.text;
    const value = t.quoted ? `"${t.value}"` : t.value;
    return `${t.key}=${value}${t.unclosed ? '!' : ''}`;
  });
}

describe('tokenize', () => {
  it.each<[string, string[]]>([
    ['risk Vendor API may slip', ['risk', 'Vendor', 'API', 'may', 'slip']],
    ['  risk   x  ', ['risk', 'x']],
    ['risk "Vendor API" p=4', ['risk', '"Vendor API"', 'p=4']],
    ['risk “Vendor API” due=“next friday”', ['risk', '"Vendor API"', 'due="next friday"']],
    ['risk ‘Vendor API’ due=‘next friday’', ['risk', '"Vendor API"', 'due="next friday"']],
    ["risk 'Vendor's API' p=3", ['risk', `"Vendor's API"`, 'p=3']],
    ["risk Vendor's API won't ship", ['risk', "Vendor's", 'API', "won't", 'ship']],
    ['risk x P=4 Due=tomorrow', ['risk', 'x', 'p=4', 'due=tomorrow']],
    ['risk x p = 4 i =5 owner= me', ['risk', 'x', 'p=4', 'i=5', 'owner=me']],
    ['risk x p= i=3', ['risk', 'x', 'p=', 'i=3']],
    ['risk x p=', ['risk', 'x', 'p=']],
    ['risk x description="a = b" i=2', ['risk', 'x', 'description="a = b"', 'i=2']],
    ['risk x mitigation=a=b', ['risk', 'x', 'mitigation=a=b']],
    ['risk x due="next friday', ['risk', 'x', 'due="next!', 'friday']],
    ['risk "unclosed title p=3', ['risk', '"unclosed', 'title', 'p=3']],
    ['risk see https://example.com/?a=b', ['risk', 'see', 'https://example.com/?a=b']],
    ['role @{29:jane|Jane Doe} pm', ['role', '@{29:jane|Jane Doe}', 'pm']],
    ['risk x owner=@{29:jane|Jane  van Doe} p=2', ['risk', 'x', 'owner=@{29:jane|Jane  van Doe}', 'p=2']],
    ['role @{U123ABC|jane doe} pm', ['role', '@{U123ABC|jane doe}', 'pm']],
    ['risk a<b and c>d', ['risk', 'a<b', 'and', 'c>d']],
    ['risk x owner=@{29:jane|Jane', ['risk', 'x', 'owner=@{29:jane|Jane']],
    ['risk\u00a0x\u00a0p=4', ['risk', 'x', 'p=4']],
    ['\u200briskz\u200b', ['riskz']],
    ['risk&nbsp;x', ['risk', 'x']],
    ['', []],
  ])('%j', (text, expected) => {
    expect(shape(tokenize(text).tokens)).toEqual(expected);
  });

  it('keeps offsets into the normalised text so values keep their line breaks', () => {
    const { source, tokens } = tokenize('risk x description=line one\nline two');
    expect(spanText(source, tokens.slice(2))).toBe('description=line one\nline two');
    const pair = tokens[2];
    expect(pair.kind === 'pair' && source.slice(pair.valueStart, tokens[tokens.length - 1].end)).toBe('line one\nline two');
  });

  it('gives the text of a lone quoted token without its quotes, and of a span as typed', () => {
    const { source, tokens } = tokenize('"Vendor API" may "slip"');
    expect(spanText(source, tokens.slice(0, 1))).toBe('Vendor API');
    expect(spanText(source, tokens)).toBe('"Vendor API" may "slip"');
    expect(spanText(source, [])).toBe('');
  });

  // No clock is read: at 4× the size at which the quadratic scan this guards against took 7 s, it
  // would take about two minutes and fail on jest's 30 s timeout; linear, this is about half a second.
  it('reads long hostile text without rescanning (unclosed quotes and mentions), a word per token', () => {
    const cases: [string, number][] = [['"a ', 28_000], ["'a ", 28_000], ['@{x ', 20_000]];
    for (const [unit, times] of cases) {
      expect(tokenize(unit.repeat(times)).tokens).toHaveLength(times);
    }
  });

  it('normalises odd spaces and trims', () => {
    expect(normalizeText('\u00a0 risk\u2009x \u202f')).toBe('risk x');
    expect(normalizeText('a\r\nb')).toBe('a\nb');
  });
});
