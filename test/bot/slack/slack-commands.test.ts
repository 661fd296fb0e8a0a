// Every inline command from /pmo, a DM and an @mention: the same replies and stored data as from Teams.
import {
  IssueModel, PersonModel, ProjectModel, RiskModel, StatusUpdateModel, WorkspaceModel,
} from '../../../models';
import { useTestDatabase } from '../../support/db';
import type { SlackCall } from '../../support/slack-api-stub';
import { useSlackBot } from '../../support/slack-harness';
import type { Where } from '../../support/slack-requests';

useTestDatabase();

const ADA: Where = { team: 'T1', user: 'UADA' };
const IN_APOLLO: Where = { ...ADA, channel: 'CAPOLLO', channelName: 'apollo' };
const BOB: Where = { team: 'T1', user: 'UBOB', channel: 'CAPOLLO', channelName: 'apollo' };
const WANDA: Where = { team: 'T1', user: 'UWANDA', channel: 'CAPOLLO', channelName: 'apollo' };

const { stub, bot } = useSlackBot({
  users: {
    UADA: { name: 'Ada Admin' },
    UBOB: { name: 'Bob Builder' },
    UPAM: { name: 'Pam Manager' },
    UWANDA: { name: 'Wanda Owner', isAdmin: true },
  },
  now: () => new Date('2026-11-26T10:00:00Z'),
});

/** `/pmo <text>`; returns what the bot sent for it (Web API calls and response_url posts). */
async function pmo(text: string, where: Where): Promise<SlackCall[]> {
  const before = stub.calls.length;
  const { res } = await bot.sender.command(text, where);
  expect(res.status).toBe(200);
  await bot.slack.idle();
  return stub.calls.slice(before).filter((c) => c.method !== 'users.info' && c.method !== 'auth.test');
}

async function dm(text: string, where: Where = ADA): Promise<SlackCall[]> {
  const before = stub.calls.length;
  await bot.sender.dm(text, where);
  await bot.slack.idle();
  return stub.calls.slice(before).filter((c) => c.method !== 'users.info' && c.method !== 'auth.test');
}

const blocksText = (call: SlackCall): string => JSON.stringify(call.args.blocks ?? []);

describe('Slack inline commands', () => {
  it('sets up a project with a PM @mentioned, naming them from the directory', async () => {
    const [reply] = await pmo('project add APOLLO "Apollo launch" pm=<@UPAM|pam>', IN_APOLLO);
    expect(reply.method).toBe('response_url');
    expect(reply.args.text).toBe('Added project APOLLO "Apollo launch" (PM Pam Manager). Type link APOLLO in its channel so project= defaults to it there.');
    expect(await ProjectModel.findOne({ key: 'APOLLO' }).lean()).toMatchObject({ name: 'Apollo launch', pmId: 'UPAM' });
    expect(await PersonModel.findOne({ platformUserId: 'UPAM' }).lean()).toMatchObject({ displayName: 'Pam Manager', role: 'member' });
    // The first person to talk to the bot in a workspace is its PMO admin (SPEC §2).
    expect(await PersonModel.findOne({ platformUserId: 'UADA' }).lean()).toMatchObject({ displayName: 'Ada Admin', role: 'pmo_admin' });
    expect(await WorkspaceModel.findOne({ platform: 'slack', externalId: 'T1' }).lean()).toMatchObject({ name: 'Team One' });
  });

  it('logs a risk from /pmo in a linked channel: project from the link, saved in the channel for all to see', async () => {
    await pmo('link APOLLO', IN_APOLLO);
    const [saved] = await pmo('risk Vendor API may slip p=4 i=5 due=2026-12-04', IN_APOLLO);
    expect(saved).toMatchObject({ method: 'response_url', args: { text: 'Saved R-1 Vendor API may slip', response_type: 'in_channel' } });
    expect(blocksText(saved)).toContain('Vendor API may slip');
    const risk = await RiskModel.findOne({ key: 'R-1' }).lean();
    expect(risk).toMatchObject({
      title: 'Vendor API may slip', projectKey: 'APOLLO', probability: 4, impact: 5, score: 20, rating: 'critical',
      due: '2026-12-04', ownerId: 'UADA', raisedById: 'UADA', status: 'open',
    });
    const ws = await WorkspaceModel.findOne({ externalId: 'T1' }).lean();
    expect(String(risk?.workspaceId)).toBe(String(ws?._id));
  });

  it('logs an issue from an @mention, answering in the mention’s thread, owner resolved from <@U…>', async () => {
    const before = stub.calls.length;
    const { ts } = await bot.sender.mention('issue Build server down priority=high owner=<@UBOB>', { ...ADA, channel: 'CAPOLLO' });
    await bot.slack.idle();
    const [saved] = stub.callsTo('chat.postMessage', before);
    expect(saved.args).toMatchObject({ channel: 'CAPOLLO', thread_ts: ts, text: 'Saved I-1 Build server down' });
    expect(await IssueModel.findOne({ key: 'I-1' }).lean()).toMatchObject({ projectKey: 'APOLLO', priority: 'high', ownerId: 'UBOB', raisedById: 'UADA' });
    expect(await PersonModel.findOne({ platformUserId: 'UBOB' }).lean()).toMatchObject({ displayName: 'Bob Builder' });
  });

  it('logs a change request from a DM', async () => {
    const [saved] = await dm('change Move launch by a week impact="one week" project=APOLLO');
    expect(saved.method).toBe('chat.postMessage');
    expect(saved.args).toMatchObject({ channel: 'DUADA', text: 'Saved C-1 Move launch by a week' });
    expect(saved.args.thread_ts).toBeUndefined();
  });

  it('lists (privately, in the channel), shows, updates, escalates and closes, with history', async () => {
    const [list] = await pmo('list risks', IN_APOLLO);
    expect(list.args).toMatchObject({ text: '1 risk', response_type: 'ephemeral' });
    expect(blocksText(list)).toContain('Vendor API may slip');
    const [updated] = await pmo('update R-1 p=2', IN_APOLLO);
    expect(updated.args.text).toMatch(/^Updated R-1/);
    const [shown] = await dm('show R-1');
    expect(blocksText(shown)).toMatch(/Probability/);
    expect(blocksText(shown)).toMatch(/4 → 2/);
    const [escalated] = await pmo('escalate R-1', IN_APOLLO);
    expect(escalated.args.text).toMatch(/I-2/);
    const [closed] = await dm('close I-2 Vendor delivered');
    expect(closed.args.text).toMatch(/^Closed I-2/);
    expect(await IssueModel.findOne({ key: 'I-2' }).lean()).toMatchObject({ escalatedFrom: 'R-1', status: 'closed' });
    expect(await RiskModel.findOne({ key: 'R-1' }).lean()).toMatchObject({ probability: 2, escalatedTo: 'I-2' });
  });

  it('posts a status update for the channel’s project', async () => {
    const [saved] = await pmo('status rag=amber schedule=green scope=green cost=amber reason="Vendor late" summary="Vendor slipping" next="Escalate to vendor"', IN_APOLLO);
    expect(saved.args).toMatchObject({ text: 'Saved status for APOLLO (2026-W48)', response_type: 'in_channel' });
    expect(await StatusUpdateModel.findOne({ projectKey: 'APOLLO', period: '2026-W48' }).lean()).toMatchObject({
      overall: 'amber', schedule: 'green', scope: 'green', cost: 'amber', summary: 'Vendor slipping', authorId: 'UADA',
    });
  });

  it('refuses a member who is neither owner, PM nor admin, and lets a Slack workspace admin act as PMO admin', async () => {
    const [refused] = await pmo('close C-1', BOB);
    expect(refused.args.text).toBe("Only the owner (Ada Admin), the project's PM (Pam Manager) or a PMO admin can close C-1.");
    const [closed] = await pmo('close C-1 Withdrawn by the sponsor', WANDA);
    expect(closed.args.text).toMatch(/^Closed C-1/);
    expect(await PersonModel.findOne({ platformUserId: 'UWANDA' }).lean()).toMatchObject({ role: 'member' });
  });

  it('exports a register as a CSV file in the DM', async () => {
    const calls = await dm('export risks');
    expect(calls.map((c) => c.method)).toEqual(['files.getUploadURLExternal', 'upload', 'files.completeUploadExternal']);
    expect(calls[2].args).toMatchObject({ channel_id: 'DUADA' });
  });

  it('shows a small export inline where it cannot attach files', async () => {
    stub.fail('files.getUploadURLExternal', 'not_in_channel');
    const [note] = (await pmo('export risks', IN_APOLLO)).filter((c) => c.method === 'response_url');
    expect(note.args.response_type).toBe('ephemeral');
    expect(blocksText(note)).toContain('Vendor API may slip');
  });

  it('answers a bare /pmo with help', async () => {
    const [help] = await pmo('', IN_APOLLO);
    expect(blocksText(help)).toMatch(/risk \[title\]/);
  });
});
