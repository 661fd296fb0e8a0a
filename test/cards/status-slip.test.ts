// The reason behind an amber or red and the slip against the baseline, on the Teams card and in Slack.
import { statusCard } from '../../cards';
import { checkMessage, statusMessage } from '../../cards/blocks';
import { finishLine, slipLabel } from '../../cards/slip';
import { allText } from './blocks/block-query';
import { checkCard } from './card-checker';
import { status } from './fixtures';

const late = status({ reason: 'Vendor missed the API drop', recoveryDate: '2026-12-11', forecastFinish: '2027-03-22', baselineFinish: '2027-03-01', slipDays: 21 });
const cardText = (card: unknown): string => JSON.stringify(card);

describe('slip in words', () => {
  it.each([
    [0, 'on baseline'],
    [1, 'slipped 1 day'],
    [13, 'slipped 13 days'],
    [14, 'slipped 2 weeks'],
    [17, 'slipped 2 weeks 3 days'],
    [-3, '3 days ahead'],
    [-21, '3 weeks ahead'],
  ])('%i days: %s', (days, words) => {
    expect(slipLabel(days)).toBe(words);
  });

  it('names the forecast, the baseline when it differs, and the slip', () => {
    const iso = (d: string) => d;
    expect(finishLine({ forecastFinish: '2027-03-22', baselineFinish: '2027-03-01', slipDays: 21 }, iso)).toBe('Forecast finish 2027-03-22 · baseline 2027-03-01 · slipped 3 weeks');
    expect(finishLine({ forecastFinish: '2027-03-01', baselineFinish: '2027-03-01', slipDays: 0 }, iso)).toBe('Forecast finish 2027-03-01 · on baseline');
    expect(finishLine({}, iso)).toBe('');
  });
});

describe('status card (Teams)', () => {
  it('shows why it is amber, the recovery date and the slip, and validates', () => {
    const card = statusCard(late);
    expect(checkCard(card)).toEqual([]);
    const text = cardText(card);
    expect(text).toContain('Why amber');
    expect(text).toContain('Vendor missed the API drop');
    expect(text).toContain('Back on track by');
    expect(text).toContain('slipped 3 weeks');
  });

  it('shows neither without a reason or a forecast', () => {
    const text = cardText(statusCard(status()));
    expect(text).not.toMatch(/Why amber|Forecast finish|slipped/);
  });
});

describe('status message (Slack)', () => {
  it('shows why it is amber and the slip, within Block Kit limits', () => {
    const message = statusMessage(late);
    expect(checkMessage(message)).toEqual([]);
    const text = allText(message.blocks);
    expect(text).toContain('Why amber');
    expect(text).toContain('Vendor missed the API drop');
    expect(text).toMatch(/Forecast finish .*2027.* · baseline .*2027.* · slipped 3 weeks/);
  });
});
