import { closest, editDistance, quote } from '../../../core/commands/suggest';

describe('editDistance (optimal string alignment)', () => {
  it.each<[string, string, number]>([
    ['risk', 'risk', 0],
    ['rsik', 'risk', 1], // adjacent swap
    ['isue', 'issue', 1],
    ['kitten', 'sitting', 3],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['ca', 'abc', 3], // OSA, unlike true Damerau-Levenshtein (2)
    ['stauts', 'status', 1],
  ])('%j ↔ %j = %d', (a, b, expected) => {
    expect(editDistance(a, b)).toBe(expected);
    expect(editDistance(b, a)).toBe(expected);
  });
});

describe('closest', () => {
  const verbs = ['risk', 'issue', 'list', 'link', 'help', 'status'];
  it.each<[string, string | undefined]>([
    ['RSIK', 'risk'],
    ['lst', 'list'],
    ['lnk', 'link'],
    ['hepl', 'help'],
    ['statsu', 'status'],
    ['xyz', undefined],
    ['ri', undefined], // two edits are too many for a short word
    ['', undefined],
    ['r'.repeat(41), undefined],
  ])('%j → %j', (word, expected) => {
    expect(closest(word, verbs)).toBe(expected);
  });
});

describe('quote', () => {
  it('shortens long text so one value cannot flood a reply', () => {
    expect(quote('abc')).toBe('"abc"');
    expect(quote('x'.repeat(100))).toBe(`"${'x'.repeat(57)}…"`);
  });
});
