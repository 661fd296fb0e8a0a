// The buttons on a saved item's message, pressed as Slack sends them (signed block_actions): Close runs `close KEY`.
import { getItem } from '../../../core/services';
import { RiskModel, WorkspaceModel } from '../../../models';
import { useTestDatabase } from '../../support/db';
import type { SlackCall } from '../../support/slack-api-stub';
import { useSlackBot } from '../../support/slack-harness';
import { formState, type Where } from '../../support/slack-requests';

useTestDatabase();

type Json = Record<string, unknown>;
interface Button { action_id: string; value: string }

const NOW = new Date('2026-11-26T10:00:00Z');
const { stub, bot } = useSlackBot({
  users: { UADA: { name: 'Ada Admin' }, UBOB: { name: 'Bob Builder' }, UCAROL: { name: 'Carol Member' } },
  now: () => NOW,
});
const IN_APOLLO = { team: 'T1', channel: 'CAPOLLO', channelName: 'apollo' };
const ADA: Where = { ...IN_APOLLO, user: 'UADA' };
const BOB: Where = { ...IN_APOLLO, user: 'UBOB' };
const CAROL: Where = { ...IN_APOLLO, user: 'UCAROL' };

async function after(send: () => Promise<unknown>): Promise<SlackCall[]> {
  const before = stub.calls.length;
  await send();
  await bot.slack.idle();
  return stub.calls.slice(before).filter((c) => !['users.info', 'auth.test'].includes(c.method));
}

/** Every button on a message, with the verb its data carries. */
function buttonsOf(blocks: Json[]): (Button & { verb: string })[] {
  return blocks.flatMap((block) => [...((block.elements as Json[] | undefined) ?? []), ...(block.accessory ? [block.accessory as Json] : [])])
    .filter((e) => e.type === 'button')
    .map((e) => ({ action_id: String(e.action_id), value: String(e.value), verb: String((JSON.parse(String(e.value)) as Json).verb) }));
}

const textOf = (calls: SlackCall[]): string => calls.map((c) => String(c.args.text ?? '')).join(' | ');

/** Bob's risk as it was confirmed in #apollo after he logged it: the message the buttons below are on. */
let saved: { ts: string; blocks: Json[] };

beforeAll(async () => {
  await after(() => bot.sender.command('project add APOLLO "Apollo launch"', ADA));
  const calls = await after(() => bot.sender.command('risk Supplier may fold p=3 i=4 project=APOLLO', BOB));
  const announced = calls.find((c) => String(c.args.text ?? '').startsWith('Saved R-1') && Array.isArray(c.args.blocks));
  if (!announced) throw new Error(`no saved message: ${JSON.stringify(calls.map((c) => c.method))}`);
  saved = { ts: '1700000000.000200', blocks: announced.args.blocks as Json[] };
});

describe('a saved risk’s buttons in Slack', () => {
  it('the owner’s message carries Update, Close and Escalate', () => {
    expect(buttonsOf(saved.blocks).map((b) => b.verb)).toEqual(['pmo.item.update', 'pmo.item.close', 'pmo.item.escalate']);
  });

  it('Update opens the risk’s form in a modal, filled in; saving a changed impact updates only that, with history', async () => {
    const update = buttonsOf(saved.blocks).find((b) => b.verb === 'pmo.item.update')!;
    const [opened] = await after(() => bot.sender.click(BOB, update, { message: { ts: saved.ts } }));
    expect(opened.method).toBe('views.open');
    const form = { ...(opened.args.view as Json), id: 'V-EDIT' } as Json & { id: string; private_metadata: string; blocks: Json[] };
    const initial = formState(form.blocks) as Record<string, Record<string, Json>>;
    expect(initial.title.title).toMatchObject({ value: 'Supplier may fold' });
    expect(initial.probability.probability).toMatchObject({ value: '3' });
    expect(initial.owner.owner).toMatchObject({ selected_option: { value: 'UBOB' } });
    expect(initial.project).toBeUndefined();

    const [confirm] = await after(() => bot.sender.submit(BOB, form, formState(form.blocks, { impact: '2' })));
    const confirmation = { ...(confirm.args.view as { blocks: Json[] }), id: 'V-EDIT', type: 'modal' };
    const save = buttonsOf(confirmation.blocks).find((b) => b.verb === 'pmo.confirm.save')!;
    const done = await after(() => bot.sender.click(BOB, save, { view: confirmation }));
    expect(textOf(done)).toContain('Updated R-1 Supplier may fold');
    const workspace = await WorkspaceModel.findOne({ platform: 'slack', externalId: 'T1' }).lean();
    const { item, history } = await getItem(workspace!._id, 'R-1');
    expect(item).toMatchObject({ probability: 3, impact: 2, score: 6, status: 'open' });
    expect(history.filter((h) => h.action === 'updated').map((h) => h.field)).toEqual(expect.arrayContaining(['impact']));
    expect(history.filter((h) => h.action === 'updated').map((h) => h.field)).not.toContain('probability');
  });

  it('Close pressed by a member who is neither owner, PM nor admin is refused as typing would be', async () => {
    const close = buttonsOf(saved.blocks).find((b) => b.verb === 'pmo.item.close')!;
    const calls = await after(() => bot.sender.click(CAROL, close, { message: { ts: saved.ts } }));
    expect(textOf(calls)).toContain('Only the owner (Bob Builder) or a PMO admin can close R-1.');
    expect(await RiskModel.findOne({ key: 'R-1' }).lean()).toMatchObject({ status: 'open' });
  });

  it('Close pressed by the owner closes the risk, with history, and answers with its card; pressed again, says so', async () => {
    const close = buttonsOf(saved.blocks).find((b) => b.verb === 'pmo.item.close')!;
    const calls = await after(() => bot.sender.click(BOB, close, { message: { ts: saved.ts } }));
    expect(textOf(calls)).toContain('Closed R-1 Supplier may fold');
    const reply = calls.find((c) => String(c.args.text ?? '').startsWith('Closed R-1'));
    expect(buttonsOf((reply?.args.blocks ?? []) as Json[]).map((b) => b.verb)).toEqual(['pmo.item.update']);
    const workspace = await WorkspaceModel.findOne({ platform: 'slack', externalId: 'T1' }).lean();
    const { item, history } = await getItem(workspace!._id, 'R-1');
    expect(item.status).toBe('closed');
    expect(history.at(-1)).toMatchObject({ action: 'closed', byId: 'UBOB', from: 'open', to: 'closed' });

    const again = await after(() => bot.sender.click(BOB, close, { message: { ts: saved.ts } }));
    expect(textOf(again)).toContain('R-1 is already closed; there is nothing to close.');
  });
});
