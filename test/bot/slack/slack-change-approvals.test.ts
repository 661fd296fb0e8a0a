// A change request from raised to decided without leaving Slack (SPEC §3, §4), as Slack sends it (signed
// slash commands and block_actions): the DM to the deciders with Approve/Reject, the button pressed there,
// the requester's DM, and a member refused with no buttons; under supportive the project's PM decides too.
import pino from 'pino';
import { checkMessage } from '../../../cards/blocks';
import { getItem } from '../../../core/services';
import { createScheduler, type JobScheduler } from '../../../jobs/runtime';
import { WorkspaceModel, type WorkspaceDoc } from '../../../models';
import { blockProblems } from '../../cards/jobs/check';
import { useTestDatabase } from '../../support/db';
import type { SlackCall } from '../../support/slack-api-stub';
import { slackTalk, useSlackBot } from '../../support/slack-harness';
import type { Where } from '../../support/slack-requests';

useTestDatabase();

type Json = Record<string, unknown>;

const NOW = new Date('2026-11-26T10:00:00Z');
const ADA: Where = { team: 'T1', user: 'UADA' }; // a Slack workspace admin, so a PMO admin
const SAM: Where = { team: 'T1', user: 'USAM' }; // APOLLO's PM
const JANE: Where = { team: 'T1', user: 'UJANE' }; // raises the changes
const BOB: Where = { team: 'T1', user: 'UBOB' }; // a member

let scheduler: JobScheduler;
// As bot/mount.ts wires it: the scheduler's commands into the dialogs, the Slack sender into the scheduler.
beforeAll(() => {
  scheduler = createScheduler({ senders: [], logger: pino({ level: 'silent' }), instanceId: 'slack-approvals-test', cron: false });
});
afterAll(async () => {
  await scheduler.stop();
});
const { stub, bot } = useSlackBot({
  users: { UADA: { name: 'Ada Admin', isAdmin: true }, USAM: { name: 'Sam PM' }, UJANE: { name: 'Jane Owner' }, UBOB: { name: 'Bob Member' } },
  now: () => NOW,
  jobs: () => scheduler.commands,
});
const { pmo, after } = slackTalk({ stub, bot });

beforeAll(async () => {
  scheduler.addSender(bot.slack.jobSender);
  await pmo('project add APOLLO "Apollo launch" pm=<@USAM>', ADA);
  for (const who of [SAM, JANE, BOB]) await pmo('help', who);
  // The default is controlling (SPEC §4); these tests start where the project's PM decides too.
  await pmo('settings policy=supportive', ADA);
});

const workspace = async () => (await WorkspaceModel.findOne({ platform: 'slack', externalId: 'T1' }).lean<WorkspaceDoc>())!;
/** The messages posted to a person's DM (chat.postMessage with their user id as the channel). */
const dmsTo = (calls: SlackCall[], user: string) => calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === user);
const textOf = (calls: SlackCall[]): string => calls.map((c) => String(c.args.text ?? '')).join(' | ');
const blocksOf = (call: SlackCall): Json[] => (call.args.blocks ?? []) as Json[];
const allOf = (call: SlackCall): string => JSON.stringify(call.args);

function buttons(blocks: Json[]): { action_id: string; value: string; verb: string }[] {
  return blocks
    .flatMap((b) => [...((b.elements as Json[] | undefined) ?? []), ...(b.accessory ? [b.accessory as Json] : [])])
    .filter((e) => e.type === 'button')
    .map((e) => ({ action_id: String(e.action_id), value: String(e.value), verb: String((JSON.parse(String(e.value)) as Json).verb) }));
}
const verbs = (blocks: Json[]) => buttons(blocks).map((b) => b.verb);
/** The bot's answer to a command or button: the message(s) it sent that are not DMs to others. */
const answerTo = (calls: SlackCall[], text: string) => calls.find((c) => String(c.args.text ?? '').startsWith(text));

describe('Slack: change requests decided in chat (supportive policy)', () => {
  let notice: SlackCall;

  it('raising a change DMs the project’s PM and the PMO admin a notice with Approve/Reject; the requester is told who', async () => {
    const calls = await pmo('change Add SSO to the portal project=APOLLO', JANE);
    const saved = answerTo(calls, 'Saved C-1');
    expect(saved).toBeDefined();
    expect(allOf(saved!)).toMatch(/Sent to (Sam PM, Ada Admin|Ada Admin, Sam PM) to decide\./);
    expect(verbs(blocksOf(saved!))).not.toContain('pmo.item.approve');
    for (const user of ['USAM', 'UADA']) {
      const [dm] = dmsTo(calls, user);
      expect(dm).toBeDefined();
      expect(String(dm.args.text)).toContain('C-1 needs your decision');
      expect(blockProblems(blocksOf(dm))).toEqual([]);
      expect(verbs(blocksOf(dm))).toEqual(['pmo.item.approve', 'pmo.item.reject']);
    }
    expect(dmsTo(calls, 'UBOB')).toEqual([]);
    expect(dmsTo(calls, 'UJANE')).toEqual([]);
    [notice] = dmsTo(calls, 'USAM');
  });

  it('a member sees no Approve/Reject on the change and is refused when typing or pressing it', async () => {
    const shown = answerTo(await pmo('show C-1', BOB), 'C-1');
    expect(shown).toBeDefined();
    expect(verbs(blocksOf(shown!))).not.toContain('pmo.item.approve');
    expect(textOf(await pmo('approve C-1', BOB))).toContain("Only the project's PM (Sam PM) or a PMO admin can approve or reject C-1 (this workspace's PMO policy is supportive).");
    const approve = buttons(blocksOf(notice)).find((b) => b.verb === 'pmo.item.approve')!;
    expect(textOf(await after(() => bot.sender.click(BOB, approve, { message: { ts: '1700000000.000300' } })))).toContain('Only the project');
    expect((await getItem((await workspace())._id, 'C-1')).item).toMatchObject({ decision: 'pending' });
  });

  it('the PM presses Reject in the DM: decided, with history, and Jane gets a DM saying so', async () => {
    const shown = answerTo(await pmo('show C-1', SAM), 'C-1');
    expect(verbs(blocksOf(shown!)).slice(0, 2)).toEqual(['pmo.item.approve', 'pmo.item.reject']);
    const reject = buttons(blocksOf(notice)).find((b) => b.verb === 'pmo.item.reject')!;
    const calls = await after(() => bot.sender.click(SAM, reject, { message: { ts: '1700000000.000400' } }));
    const answer = answerTo(calls, 'Rejected C-1');
    expect(answer).toBeDefined();
    expect(checkMessage({ text: String(answer!.args.text), blocks: blocksOf(answer!) } as Parameters<typeof checkMessage>[0])).toEqual([]);
    expect(allOf(answer!)).toContain('Jane Owner (who raised it) was told.');
    const [told] = dmsTo(calls, 'UJANE');
    expect(String(told.args.text)).toContain('C-1 was rejected');
    expect(allOf(told)).toContain('Rejected by Sam PM on 2026-11-26.');
    expect(buttons(blocksOf(told))).toEqual([]);
    const { item, history } = await getItem((await workspace())._id, 'C-1');
    expect(item).toMatchObject({ decision: 'rejected', decidedById: 'USAM', decidedAt: NOW });
    expect(history.at(-1)).toMatchObject({ byId: 'USAM', at: NOW, field: 'decision', from: 'pending', to: 'rejected' });
  });

  it('under directive, the admin’s typed approval needs the impacts, then goes through with a comment', async () => {
    await pmo('settings policy=directive', ADA);
    const raised = await pmo('change Second screen project=APOLLO', JANE);
    expect(dmsTo(raised, 'USAM')).toEqual([]); // the PM no longer decides
    expect(dmsTo(raised, 'UADA')).toHaveLength(1);
    expect(textOf(await pmo('approve C-2', SAM))).toContain("Only a PMO admin can approve or reject C-2 (this workspace's PMO policy is directive).");
    expect(textOf(await pmo('approve C-2', ADA))).toContain('C-2 has none on time, cost and scope. Give it with the approval: approve C-2 time="…" cost="…" scope="…"');
    const calls = await pmo('approve C-2 time="+1 week" cost="5k" scope="adds a screen" Worth it', ADA);
    expect(textOf(calls)).toContain('Approved C-2 Second screen');
    expect(allOf(dmsTo(calls, 'UJANE')[0])).toContain('Comment: Worth it');
    const { item, history } = await getItem((await workspace())._id, 'C-2');
    expect(item).toMatchObject({ decision: 'approved', impactTime: '+1 week', impactCost: '5k', impactScope: 'adds a screen', decidedById: 'UADA' });
    expect(history.at(-1)).toMatchObject({ to: 'approved', note: 'Worth it' });
  });
});
