// The digest's bar picture: a real PNG whose coloured runs are in proportion to the counts.
import { PNG } from 'pngjs';
import { barImage } from '../../../cards/jobs/bar-image';

const decode = (uri: string) => PNG.sync.read(Buffer.from(uri.replace(/^data:image\/png;base64,/, ''), 'base64'));

/** The colour runs along the first row: [hex or 'clear', length]. */
function runs(png: PNG): [string, number][] {
  const out: [string, number][] = [];
  for (let x = 0; x < png.width; x++) {
    const i = x * 4;
    const colour = png.data[i + 3] === 0 ? 'clear' : `#${[0, 1, 2].map((k) => png.data[i + k].toString(16).padStart(2, '0')).join('').toUpperCase()}`;
    const last = out[out.length - 1];
    if (last && last[0] === colour) last[1] += 1;
    else out.push([colour, 1]);
  }
  return out;
}

it('splits the width in proportion, with small gaps between segments', () => {
  const png = decode(barImage([{ value: 1, color: '#C4314B' }, { value: 0, color: '#F8A31D' }, { value: 2, color: '#6BB700' }, { value: 1, color: '#B3B0AD' }]));
  expect([png.width, png.height]).toEqual([480, 14]);
  expect(runs(png)).toEqual([['#C4314B', 119], ['clear', 2], ['#6BB700', 238], ['clear', 2], ['#B3B0AD', 119]]);
});

it('keeps a single red project among 300 visible, and draws nothing for an empty portfolio', () => {
  const bar = runs(decode(barImage([{ value: 1, color: '#C4314B' }, { value: 299, color: '#6BB700' }])));
  expect(bar[0][0]).toBe('#C4314B');
  expect(bar[0][1]).toBeGreaterThanOrEqual(14);
  expect(runs(decode(barImage([{ value: 0, color: '#C4314B' }])))).toEqual([['clear', 480]]);
});

it('is small enough to inline twice in a card', () => {
  expect(barImage([{ value: 3, color: '#C4314B' }, { value: 5, color: '#F8A31D' }, { value: 30, color: '#6BB700' }]).length).toBeLessThan(400);
});
