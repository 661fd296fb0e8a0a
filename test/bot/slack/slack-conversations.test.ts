// The traps a new user hit in Slack, at the wire: a modal closed unsaved ends its form, a form never
// swallows the next command (slash command, DM, @mention thread, modal), and forms expire.
import { IssueModel, RiskModel } from '../../../models';
import { useTestDatabase } from '../../support/db';
import type { SlackCall } from '../../support/slack-api-stub';
import { slackTalk, useSlackBot } from '../../support/slack-harness';
import { closedPayload, formState, type Where } from '../../support/slack-requests';

useTestDatabase();

const ADA: Where = { team: 'T1', user: 'UADA' };
const IN_APOLLO: Where & { channel: string } = { ...ADA, channel: 'CAPOLLO', channelName: 'apollo' };

type Json = Record<string, unknown>;
interface View { id: string; private_metadata: string; title: unknown; callback_id: string; blocks: Json[] }

const clock = { now: new Date('2026-11-26T10:00:00Z') };
const { stub, bot } = useSlackBot({ users: { UADA: { name: 'Ada Admin' } }, now: () => clock.now });
const { after, pmo } = slackTalk({ stub, bot });

let views = 0;
beforeAll(async () => {
  stub.on('views.open', () => ({ view: { id: `V-CONV-${++views}` } }));
  await pmo('project add APOLLO "Apollo launch"', IN_APOLLO);
  await pmo('link APOLLO', IN_APOLLO);
});

/** What a call showed the user: its text and blocks, or its modal. */
const shown = (call: SlackCall): string => JSON.stringify(call.args);
const opened = (calls: SlackCall[]): View => {
  const call = calls.find((c) => c.method === 'views.open');
  if (!call) throw new Error(`no views.open in ${calls.map((c) => c.method).join(', ')}`);
  return { ...(call.args.view as View), id: `V-CONV-${views}` };
};
const texts = (calls: SlackCall[]): string[] => calls.map((c) => String(c.args.text ?? ''));

describe('a form in a modal', () => {
  it('closed unsaved: the form ends, and the next /pmo list risks lists (not the risk form again)', async () => {
    const form = opened(await pmo('risk', IN_APOLLO));
    expect(await after(() => bot.sender.interaction(closedPayload(ADA, form)))).toEqual([]);
    for (let i = 0; i < 2; i++) {
      const calls = await pmo('list risks', IN_APOLLO);
      expect(calls.map((c) => c.method)).toEqual(['response_url']);
      expect(texts(calls)[0]).toMatch(/risks?$/);
      expect(shown(calls[0])).not.toMatch(/Left the risk|Log a risk/);
    }
  });

  it('left open: /pmo list risks lists, and says the risk was left unsaved', async () => {
    opened(await pmo('risk', IN_APOLLO));
    const calls = await pmo('list risks', IN_APOLLO);
    expect(texts(calls)).toEqual(['Left the risk you were logging; nothing was saved.', expect.stringMatching(/risks?$/)]);
  });

  it('a whole inline issue while the risk modal is open saves the issue; the old modal submitted later starts its form afresh', async () => {
    const form = opened(await pmo('risk', IN_APOLLO));
    const calls = await pmo('issue Printer on fire priority=high project=APOLLO', IN_APOLLO);
    expect(texts(calls)).toEqual(['Left the risk you were logging; nothing was saved.', expect.stringMatching(/^Saved I-\d+ Printer on fire$/)]);
    expect(await IssueModel.findOne({ title: 'Printer on fire' }).lean()).toMatchObject({ priority: 'high' });
    // The risk modal is still on screen; submitting it is a fresh risk form with its answers, confirmed before it saves.
    const submitted = await after(() => bot.sender.submit(ADA, form, formState(form.blocks, { title: 'Vendor API may slip', probability: '4', impact: '3' })));
    expect(shown(submitted[0])).toMatch(/Save this risk\?/);
    expect(await RiskModel.countDocuments({ title: 'Vendor API may slip' })).toBe(0);
    await pmo('cancel', IN_APOLLO);
  });

  it('a modal of an older form closed while a newer form waits leaves the newer one be', async () => {
    const riskForm = opened(await pmo('risk', IN_APOLLO));
    const issueForm = opened(await pmo('issue', IN_APOLLO));
    expect(await after(() => bot.sender.interaction(closedPayload(ADA, riskForm)))).toEqual([]);
    const saved = await after(() => bot.sender.submit(ADA, issueForm, formState(issueForm.blocks, { title: 'Rig down', priority: 'high' })));
    expect(shown(saved[0])).toMatch(/Save this issue\?/);
    expect(await after(() => bot.sender.interaction(closedPayload(ADA, issueForm)))).toEqual([]);
    expect(texts(await pmo('list issues', IN_APOLLO))[0]).toMatch(/issues?$/);
  });
});

describe('a form typed in a DM and in an @mention thread', () => {
  it('DM: list risks while the risk form waits runs the list and ends the form', async () => {
    await after(() => bot.sender.dm('risk', ADA));
    const calls = await after(() => bot.sender.dm('list risks', ADA));
    expect(texts(calls)).toEqual(['Left the risk you were logging; nothing was saved.', expect.stringMatching(/risks?$/)]);
    expect(texts(await after(() => bot.sender.dm('list risks', ADA)))[0]).toMatch(/risks?$/);
  });

  it('@mention thread: a whole issue typed as the probability saves the issue', async () => {
    const { ts } = await bot.sender.mention('risk', IN_APOLLO);
    await bot.slack.idle();
    await after(() => bot.sender.mention('Printer smoke', IN_APOLLO, { threadTs: ts }));
    const calls = await after(() => bot.sender.mention('issue Printer smoke in thread priority=high project=APOLLO', IN_APOLLO, { threadTs: ts }));
    expect(texts(calls)).toEqual(['Left the risk you were logging; nothing was saved.', expect.stringMatching(/^Saved I-\d+ Printer smoke in thread$/)]);
  });

  it('a DM form left for 30 minutes ends by itself; the next message is a fresh start', async () => {
    await after(() => bot.sender.dm('issue', ADA));
    clock.now = new Date(clock.now.getTime() + 31 * 60_000);
    const calls = await after(() => bot.sender.dm('list issues', ADA));
    expect(texts(calls)).toEqual([
      'The issue you were logging waited over 30 minutes without an answer, so the form ended; nothing was saved.',
      expect.stringMatching(/issues?$/),
    ]);
  });
});

describe('what was typed is never lost', () => {
  const inputValueOf = (blocks: Json[], id: string): unknown =>
    (blocks.find((b) => b.type === 'input' && b.block_id === id)?.element as Json | undefined)?.initial_value;

  it('a refused 300-character title comes back in its input, marked, not emptied', async () => {
    const form = opened(await pmo('risk', IN_APOLLO));
    const long = `Vendor ${'slip '.repeat(60)}`.trim();
    const [asked] = await after(() => bot.sender.submit(ADA, form, formState(form.blocks, { title: long, probability: '4', impact: '3' })));
    expect(asked.method).toBe('views.update');
    const again = asked.args.view as View;
    expect(inputValueOf(again.blocks, 'title')).toBe(long);
    expect(JSON.stringify(again.blocks)).toMatch(/200/);
    await pmo('cancel', IN_APOLLO);
  });

  it('Update on an item whose description is longer than a Slack input keeps the description when another field changes', async () => {
    const description = 'd'.repeat(3500);
    const saved = await pmo(`risk Long described risk p=2 i=2 project=APOLLO description="${description}"`, IN_APOLLO);
    const announced = saved.find((c) => /^Saved R-\d+ Long described risk/.test(String(c.args.text ?? '')));
    const key = /^Saved (R-\d+)/.exec(String(announced?.args.text))?.[1];
    expect(key).toBeDefined();
    const updateButton = JSON.stringify(announced?.args.blocks).match(/"action_id":"(pmo\.item\.update:\d+)","value":"((?:[^"\\]|\\.)*)"/);
    expect(updateButton).not.toBeNull();
    const button = { action_id: updateButton![1], value: JSON.parse(`"${updateButton![2]}"`) as string };
    const form = opened(await after(() => bot.sender.click(ADA, button, { message: { ts: '1700000000.000900' } })));
    expect(inputValueOf(form.blocks, 'description')).toBeUndefined(); // too long for the input: left out
    const [confirm] = await after(() => bot.sender.submit(ADA, form, formState(form.blocks, { impact: '4' })));
    const confirmation = { ...(confirm.args.view as View), id: form.id, type: 'modal' } as unknown as Json & { id: string };
    const saveButton = JSON.stringify((confirmation as unknown as View).blocks).match(/"action_id":"(pmo\.confirm\.save:\d+)","value":"((?:[^"\\]|\\.)*)"/);
    await after(() => bot.sender.click(ADA, { action_id: saveButton![1], value: JSON.parse(`"${saveButton![2]}"`) as string }, { view: confirmation }));
    expect(await RiskModel.findOne({ title: 'Long described risk' }).lean()).toMatchObject({ impact: 4, description });
  });
});
