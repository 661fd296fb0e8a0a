// The digest explains (issue 14), on both platforms: a red line's reason and slip, risks that rose.
import { jobMessageCard, renderJobMessageForSlack } from '../../../cards/jobs';
import { nodes } from '../card-query';
import { blockProblems, checkJobCard } from './check';
import type { JobMessage } from '../../../jobs/types';
import { bigDigest, digestMessage, explainedDigest } from './fixtures';

type Json = Record<string, unknown>;
const mrkdwn = (blocks: Json[]) => nodes(blocks).filter((n) => n.type === 'mrkdwn').map((n) => String(n.text)).join('\n');
const cardTexts = (card: unknown) => nodes(card).filter((n) => n.type === 'TextBlock').map((n) => String(n.text)).join('\n');

describe('the explained digest', () => {
  it('Slack: the red line says why and how far it slipped; risks that rose are listed; within limits', () => {
    const { blocks } = renderJobMessageForSlack(explainedDigest());
    expect(blockProblems(blocks)).toEqual([]);
    const text = mrkdwn(blocks);
    expect(text).toContain('🔴 *APOLLO* Apollo — Sam Patel · Red ▼ worse');
    expect(text).toContain('_Why:_ Vendor missed the API drop; integration tests blocked · slipped 3 weeks');
    expect(text).toContain('*Risks that rose this week: 1*');
    expect(text).toContain('📈 *R-2*');
    expect(text).toContain('— 6 → 12 · Medium → High');
  });

  it('Teams: the same in the card, which validates', () => {
    const card = jobMessageCard(explainedDigest());
    expect(checkJobCard(card)).toEqual([]);
    const text = cardTexts(card);
    expect(text).toContain('Why: Vendor missed the API drop; integration tests blocked · slipped 3 weeks');
    expect(text).toContain('Risks that rose this week: 1');
    expect(text).toMatch(/\*\*R-2\*\* .* \(APOLLO\) — 6 → 12 · Medium → High/);
  });

  it('shows neither section when nothing explains or rose', () => {
    const { blocks } = renderJobMessageForSlack(digestMessage());
    expect(mrkdwn(blocks)).not.toMatch(/Why:|rose this week/);
    expect(cardTexts(jobMessageCard(digestMessage()))).not.toMatch(/Why:|rose this week/);
  });
});

describe('the Slack digest as a short parent and a thread', () => {
  const asParent = (): JobMessage => ({ ...(explainedDigest() as Extract<JobMessage, { kind: 'digest' }>), brief: true });
  const asThread = (): JobMessage => ({ kind: 'digest_thread', view: (explainedDigest() as Extract<JobMessage, { kind: 'digest' }>).view, threadOf: 'digest:DIGITAL:channel:C1' });

  it('the parent is the roll-up, who needs attention and how many risks rose; no project lines', () => {
    const { text, blocks } = renderJobMessageForSlack(asParent());
    expect(blockProblems(blocks)).toEqual([]);
    expect(blocks.length).toBeLessThanOrEqual(8);
    const shown = mrkdwn(blocks);
    expect(text).toMatch(/^DIGITAL digest, Week 48/);
    expect(shown).toContain('Needs attention: 🔴 *APOLLO*');
    expect(shown).toContain('📈 1 risk rose this week');
    expect(shown).toContain('in the thread');
    expect(shown).not.toContain('_Why:_');
  });

  it('the thread holds the lines with reasons, the risks and the activity, and no roll-up', () => {
    const { blocks } = renderJobMessageForSlack(asThread());
    expect(blockProblems(blocks)).toEqual([]);
    const shown = mrkdwn(blocks);
    expect(shown).toContain('_Why:_ Vendor missed the API drop');
    expect(shown).toContain('*Top risks*');
    expect(shown).toContain('*Risks that rose this week: 1*');
    expect(shown).not.toContain('*Week before*');
  });

  it('a 300-project thread stays within Block Kit limits', () => {
    const [digest] = bigDigest(300);
    const { blocks } = renderJobMessageForSlack({ kind: 'digest_thread', view: (digest as Extract<JobMessage, { kind: 'digest' }>).view, threadOf: 'k' });
    expect(blockProblems(blocks)).toEqual([]);
  });
});
