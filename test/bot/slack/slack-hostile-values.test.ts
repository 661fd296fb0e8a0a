// Hostile values at the Slack door (signed requests): controls and bidi overrides in modal inputs
// and display names, an object where a form value belongs, and who may post the digest on demand.
import pino from 'pino';
import { createRisk } from '../../../core/services';
import { createScheduler, type JobScheduler } from '../../../jobs/runtime';
import { PersonModel, RiskModel, WorkspaceModel, type WorkspaceDoc } from '../../../models';
import { useTestDatabase } from '../../support/db';
import type { SlackCall } from '../../support/slack-api-stub';
import { slackTalk, useSlackBot } from '../../support/slack-harness';
import { formState, type Where } from '../../support/slack-requests';

useTestDatabase();

type Json = Record<string, unknown>;

/** Tuesday 1 Dec 2026, 10:00 UTC. */
const NOW = new Date('2026-12-01T10:00:00Z');
const ADA: Where = { team: 'T1', user: 'UADA' }; // a Slack workspace admin, so a PMO admin
const SAM: Where = { team: 'T1', user: 'USAM', channel: 'CSAM', channelName: 'sam' }; // APOLLO's PM
const ZOE: Where = { team: 'T1', user: 'UZOE' }; // ZEUS's PM
const EVE: Where = { team: 'T1', user: 'UEVE', channel: 'CBOARD', channelName: 'board' }; // an executive
const BOB: Where = { team: 'T1', user: 'UBOB', channel: 'CBOB', channelName: 'bob' }; // a plain member
const MAL: Where = { team: 'T1', user: 'UMAL' };

let scheduler: JobScheduler;
let ws: WorkspaceDoc;

beforeAll(() => {
  scheduler = createScheduler({ senders: [], logger: pino({ level: 'silent' }), instanceId: 'slack-hostile-test', cron: false });
});
afterAll(async () => {
  await scheduler.stop();
});
const { stub, bot } = useSlackBot({
  users: {
    UADA: { name: 'Ada Admin', isAdmin: true },
    USAM: { name: 'Sam PM' },
    UZOE: { name: 'Zoe PM' },
    UEVE: { name: 'Eve Exec' },
    UBOB: { name: 'Bob Member' },
    UMAL: { name: 'Mallory\u202E\u0000 Admin\u200B\u009B' },
  },
  now: () => NOW,
  jobs: () => scheduler.commands,
});

const { pmo, after } = slackTalk({ stub, bot });

beforeAll(async () => {
  scheduler.addSender(bot.slack.jobSender);
  await pmo('portfolio add DIGITAL "Digital"', ADA);
  await pmo('project add APOLLO "Apollo launch" portfolio=DIGITAL pm=<@USAM>', ADA);
  await pmo('project add ZEUS "Zeus migration" portfolio=DIGITAL pm=<@UZOE>', ADA);
  await pmo('role <@UEVE> executive', ADA);
  for (const who of [SAM, ZOE, BOB]) await pmo('help', who);
  ws = (await WorkspaceModel.findOne({ platform: 'slack', externalId: 'T1' }).lean<WorkspaceDoc>())!;
  const admin = { userId: 'UADA', isPlatformAdmin: true };
  const lastMonth = new Date('2026-11-02T10:00:00Z');
  await createRisk(ws._id, admin, { title: 'Apollo vendor may slip', projectKey: 'APOLLO', probability: 4, impact: 5, ownerId: 'USAM' }, lastMonth);
  await createRisk(ws._id, admin, { title: 'Zeus data loss', projectKey: 'ZEUS', probability: 5, impact: 5, ownerId: 'UZOE' }, lastMonth);
});

const text = (blocks: unknown): string => JSON.stringify(blocks);
type View = { id: string; private_metadata: string; title: unknown; callback_id: string; blocks: Json[] };
const viewOf = (call: SlackCall, id?: string): View => ({ ...(call.args.view as View), id: id ?? String(call.args.view_id) });

function button(blocks: Json[], verb: string): { action_id: string; value: string } {
  for (const block of blocks) {
    for (const e of [...((block.elements as Json[] | undefined) ?? []), ...(block.accessory ? [block.accessory as Json] : [])]) {
      if (e.type === 'button' && (JSON.parse(String(e.value)) as Json).verb === verb) return { action_id: String(e.action_id), value: String(e.value) };
    }
  }
  throw new Error(`no ${verb} button`);
}

describe('modal values and display names', () => {
  it('strips NUL, U+202E, zero-width and C1 controls from what a modal submits', async () => {
    const [opened] = await after(() => bot.sender.command('risk', { ...ADA, channel: 'CAPOLLO', channelName: 'apollo' }));
    const form = viewOf(opened, 'V-HOSTILE');
    const [confirm] = await after(() => bot.sender.submit(ADA, form, formState(form.blocks, {
      title: 'Payroll\u0000 \u202Efdp.exe\u202C run\u200B\u0085', probability: '3', impact: '4', project: 'APOLLO',
      description: 'first\u2066 line\nsecond\u0007 line',
    })));
    const confirmation = viewOf(confirm);
    expect(text(confirmation.blocks)).toMatch(/Save this risk\?/);
    const saved = await after(() => bot.sender.click(ADA, button(confirmation.blocks, 'pmo.confirm.save'), { view: { ...confirmation, type: 'modal' } }));
    expect(saved.find((c) => c.method === 'chat.postMessage')?.args.text).toMatch(/^Saved R-\d+ Payroll fdp\.exe run$/);
    expect(await RiskModel.findOne({ title: 'Payroll fdp.exe run' }).lean()).toMatchObject({ description: 'first line\nsecond line' });
  });

  it('refuses an object where a form value belongs, re-asking that field in the modal', async () => {
    const [opened] = await after(() => bot.sender.command('risk', { ...ADA, channel: 'CAPOLLO', channelName: 'apollo' }));
    const form = viewOf(opened, 'V-OBJECT');
    // Slack hands back the private_metadata it was given; a forged request carries an operator in it.
    const meta = JSON.parse(form.private_metadata) as { data: Json };
    const forged = { ...form, private_metadata: JSON.stringify({ ...meta, data: { ...meta.data, title: { $ne: null } } }) };
    const state = formState(form.blocks, { probability: '3', impact: '4', project: 'APOLLO' });
    delete state.title;
    const [asked] = await after(() => bot.sender.submit(ADA, forged, state));
    expect(asked.method).toBe('views.update');
    expect(text(viewOf(asked).blocks)).toContain('Title must be text');
    expect(await RiskModel.countDocuments({ title: '[object Object]' })).toBe(0);
    await after(() => bot.sender.command('cancel', ADA));
  });

  it('stores a display name from Slack without its controls and overrides', async () => {
    await pmo('help', MAL);
    expect(await PersonModel.findOne({ workspaceId: ws._id, platformUserId: 'UMAL' }).lean()).toMatchObject({ displayName: 'Mallory Admin' });
  });
});

describe('digest on demand: PMO admins, executives, and PMs for their own projects', () => {
  const posts = (calls: SlackCall[], channel: string): string => text(calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel));
  const answer = (calls: SlackCall[]): string => String(calls.find((c) => c.method === 'response_url')?.args.text ?? '');

  it('refuses a plain member, posting nothing', async () => {
    const calls = await pmo('digest', BOB);
    expect(answer(calls)).toBe('Only PMO admins, executives, and PMs for their own projects can post the digest.');
    expect(calls.filter((c) => c.method === 'chat.postMessage')).toEqual([]);
  });

  it('gives a PM the digest of their own projects only', async () => {
    const calls = await pmo('digest', SAM);
    const posted = posts(calls, 'CSAM');
    expect(posted).toContain('APOLLO');
    expect(posted).toContain('Apollo vendor may slip');
    expect(posted).not.toContain('ZEUS');
    expect(posted).not.toContain('Zeus data loss');
    expect(answer(calls)).toBe('Posted the portfolio digest of your projects (APOLLO) here.');
    const named = await pmo('digest DIGITAL', SAM);
    expect(posts(named, 'CSAM')).not.toContain('Zeus');
  });

  it('gives an executive the whole digest', async () => {
    const calls = await pmo('digest', EVE);
    const posted = posts(calls, 'CBOARD');
    for (const seen of ['APOLLO', 'ZEUS', 'Zeus data loss']) expect(posted).toContain(seen);
    expect(answer(calls)).toBe('Posted the portfolio digest here.');
  });
});
