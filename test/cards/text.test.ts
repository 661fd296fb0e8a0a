import { CARD_VERBS, isCardActionData, isCardVerb } from '../../cards';
import { blockText, clip, escapeMarkdown, fitText, inlineText, jsonBytes, plainText, shareBytes } from '../../cards/text';

describe('escapeMarkdown', () => {
  it.each([
    ['**bold** and _italic_', '\\*\\*bold\\*\\* and \\_italic\\_'],
    ['[link](https://x.io)', '\\[link\\](https://x.io)'],
    ['C:\\temp', 'C:\\\\temp'],
    ['- item', '\\- item'],
    ['+ item', '\\+ item'],
    ['12. item', '12\\. item'],
    ['a - b + c 1. d', 'a - b + c 1. d'],
    ['{{DATE(2026-01-01T00:00:00Z)}}', '{\u200B{DATE(2026-01-01T00:00:00Z)}}'],
    ['Zürich 🚀 東京', 'Zürich 🚀 東京'],
  ])('%j → %j', (input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });
});

describe('clip', () => {
  it('leaves short text alone and marks a cut with an ellipsis', () => {
    expect(clip('abc', 3)).toBe('abc');
    expect(clip('abcdef', 4)).toBe('abc…');
    expect(clip('abc   def', 5)).toBe('abc…');
  });

  it('never splits an emoji, a flag or a family', () => {
    expect(clip('🚀🚀🚀', 2)).toBe('🚀…');
    expect(clip('ab🇯🇵🇯🇵', 4)).toBe('ab…');
    expect(clip('👩‍👩‍👧‍👦x', 7)).toBe('…');
    expect(clip('👩‍👩‍👧‍👦xyzuvw', 9)).toBe('👩‍👩‍👧‍👦x…');
  });
});

describe('inlineText, blockText and plainText', () => {
  it('collapse whitespace and drop control characters in one-line text', () => {
    expect(inlineText('  a\n\tb\u0000c\u0007  ')).toBe('a bc');
    expect(inlineText(undefined)).toBe('');
    expect(plainText('  *raw*  \r\n text ')).toBe('*raw* text');
  });

  it('keeps line breaks as paragraphs in multi-line text', () => {
    expect(blockText('first\r\nsecond\n\n\n* third  ')).toBe('first\n\nsecond\n\n\\* third');
    expect(blockText('   ')).toBe('');
  });

  it('clip before escaping, so a limit counts what the reader sees', () => {
    expect(inlineText('*'.repeat(10), 5)).toBe('\\*\\*\\*\\*…');
  });
});

describe('fitText and shareBytes', () => {
  it('finds the longest rendering that fits in a byte budget', () => {
    const fitted = fitText((max) => clip('🚀'.repeat(100), max), 100, 42);
    expect(jsonBytes(fitted)).toBeLessThanOrEqual(42);
    expect(jsonBytes(fitText((max) => clip('🚀'.repeat(100), max), 100, 46))).toBeGreaterThan(42);
  });

  it('gives short texts all they need and splits the rest among the long ones', () => {
    const [a, b, c] = shareBytes(['short', 'x'.repeat(1000), 'y'.repeat(1000)], 600, clip, 1000);
    expect(a).toBe('short');
    expect(b.length).toBeGreaterThan(250);
    expect(Math.abs(b.length - c.length)).toBeLessThanOrEqual(1);
    expect(jsonBytes(a) + jsonBytes(b) + jsonBytes(c)).toBeLessThanOrEqual(600);
  });
});

describe('isCardActionData', () => {
  it.each([
    [{ verb: CARD_VERBS.submitForm, command: 'risk', title: 'typed' }, true],
    [{ verb: CARD_VERBS.confirmSave, command: 'risk' }, true],
    [{ verb: CARD_VERBS.editField, command: 'risk', field: 'title' }, true],
    [{ verb: CARD_VERBS.cancel }, true],
    [{ verb: CARD_VERBS.showItem, key: 'R-7' }, true],
    [{ verb: CARD_VERBS.editField, command: 'risk' }, false],
    [{ verb: CARD_VERBS.showItem }, false],
    [{ verb: CARD_VERBS.submitForm, command: '' }, false],
    [{ verb: 'pmo.other' }, false],
    ['pmo.cancel', false],
    [null, false],
  ])('%j → %s', (value, expected) => {
    expect(isCardActionData(value)).toBe(expected);
  });

  it('knows the verbs and nothing else', () => {
    expect(Object.values(CARD_VERBS).every(isCardVerb)).toBe(true);
    expect(new Set(Object.values(CARD_VERBS)).size).toBe(Object.values(CARD_VERBS).length);
    expect(isCardVerb('pmo.item.delete')).toBe(false);
  });
});
