// The RAID log through Slack: signed /pmo commands log a decision and an action inline, list them, show
// them on the item they concern, close the action and escalate an issue into a change request.
import { useTestDatabase } from '../../support/db';
import type { SlackCall } from '../../support/slack-api-stub';
import { slackTalk, useSlackBot } from '../../support/slack-harness';
import type { Where } from '../../support/slack-requests';

useTestDatabase();

const ADA: Where & { channel: string } = { team: 'T1', user: 'UADA', channel: 'CRAID', channelName: 'raid' };

const clock = { now: new Date('2026-11-26T10:00:00Z') };
const { stub, bot } = useSlackBot({ users: { UADA: { name: 'Ada Admin' } }, now: () => clock.now });
const { pmo } = slackTalk({ stub, bot });

const texts = (calls: SlackCall[]): string[] => calls.map((c) => String(c.args.text ?? ''));
/** Everything the reply shows, blocks included, as one string. */
const shown = (calls: SlackCall[]): string => JSON.stringify(calls.map((c) => c.args));

beforeAll(async () => {
  await pmo('project add APOLLO "Apollo launch"', ADA);
  expect(texts(await pmo('risk Vendor API may slip p=4 i=5 project=APOLLO', ADA))).toEqual(['Saved R-1 Vendor API may slip']);
});

describe('decisions and actions in Slack', () => {
  it('logs a decision inline', async () => {
    const calls = await pmo('decision Use vendor B outcome="Switch to vendor B" rationale="Vendor A cannot commit" item=R-1 project=APOLLO', ADA);
    expect(texts(calls)).toEqual(['Saved D-1 Use vendor B']);
    expect(shown(calls)).toContain('*Concerns*\\nR-1');
    expect(shown(calls)).toContain('Switch to vendor B');
  });

  it('logs an action inline, taking its project from R-1', async () => {
    const calls = await pmo('action Call the vendor owner=me due=friday item=R-1', ADA);
    expect(texts(calls)).toEqual(['Saved A-1 Call the vendor']);
    expect(shown(calls)).toContain('*Serves*\\nR-1');
    expect(shown(calls)).toContain('*Due*\\n2026-11-27');
  });

  it('lists decisions and actions', async () => {
    const decisions = await pmo('list decisions', ADA);
    expect(texts(decisions)).toEqual([expect.stringMatching(/decision/)]);
    expect(shown(decisions)).toContain('D-1');
    const actions = await pmo('list actions', ADA);
    expect(shown(actions)).toContain('A-1');
    expect(shown(actions)).toContain('Call the vendor');
  });

  it('show R-1 lists the actions and decisions that concern it', async () => {
    const calls = await pmo('show R-1', ADA);
    expect(shown(calls)).toContain('*Actions*\\nA-1 Call the vendor (Open)');
    expect(shown(calls)).toContain('*Decisions*\\nD-1 Use vendor B (Proposed)');
  });

  it('close A-1 marks it done', async () => {
    expect(texts(await pmo('close A-1', ADA))).toEqual(['Closed A-1 Call the vendor']);
    expect(shown(await pmo('show R-1', ADA))).toContain('A-1 Call the vendor (Done)');
  });

  it('escalate I-1 raises a change request linked both ways', async () => {
    await pmo('issue Reporting misses VAT priority=high project=APOLLO', ADA);
    const calls = await pmo('escalate I-1', ADA);
    expect(texts(calls)).toEqual(['Escalated C-1 Reporting misses VAT']);
    expect(shown(calls)).toContain('*Raised from*\\nI-1');
    expect(shown(await pmo('show I-1', ADA))).toContain('*Escalated to*\\nC-1');
    expect(shown(await pmo('show C-1', ADA))).toContain('raised from I-1');
    expect(texts(await pmo('escalate I-1', ADA))).toEqual(['I-1 was already escalated to C-1.']);
  });
});
