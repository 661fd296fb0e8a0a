// The App Home tab, and Block Kit limits kept on a long register.
import { checkLimits, checkMessage } from '../../../cards/blocks';
import { createRisk } from '../../../core/services';
import { WorkspaceModel } from '../../../models';
import { useTestDatabase } from '../../support/db';
import type { SlackCall } from '../../support/slack-api-stub';
import { BOT_TOKEN, useSlackBot } from '../../support/slack-harness';
import type { Where } from '../../support/slack-requests';

useTestDatabase();

const NOW = new Date('2026-11-26T10:00:00Z');
const { stub, bot } = useSlackBot({ users: { UADA: { name: 'Ada Admin' }, UBOB: { name: 'Bob Builder' } }, now: () => NOW });
const ADA: Where = { team: 'T1', user: 'UADA', channel: 'CAPOLLO', channelName: 'apollo' };
const BOB: Where = { team: 'T1', user: 'UBOB', channel: 'CAPOLLO', channelName: 'apollo' };

type Json = Record<string, unknown>;

beforeAll(async () => {
  for (const [text, who] of [
    ['project add APOLLO "Apollo launch" pm=<@UADA>', ADA],
    ['project add ZEUS "Zeus migration"', ADA],
    ['risk Vendor API may slip p=4 i=5 due=2026-12-04 project=APOLLO', ADA],
    ['issue Bob’s own problem priority=low project=ZEUS', BOB],
    ['status APOLLO rag=amber schedule=green scope=green cost=amber reason="Vendor late" summary="Vendor slipping"', ADA],
  ] as const) {
    await bot.sender.command(text, who);
    await bot.slack.idle();
  }
});

async function after(send: () => Promise<unknown>): Promise<SlackCall[]> {
  const before = stub.calls.length;
  await send();
  await bot.slack.idle();
  return stub.calls.slice(before).filter((c) => !['users.info', 'auth.test'].includes(c.method));
}

function buttonWith(blocks: Json[], test: (data: Json) => boolean): { action_id: string; value: string } {
  for (const block of blocks) {
    for (const e of [...((block.elements as Json[] | undefined) ?? []), ...(block.accessory ? [block.accessory as Json] : [])]) {
      if (e.type === 'button' && test(JSON.parse(String(e.value)) as Json)) return { action_id: String(e.action_id), value: String(e.value) };
    }
  }
  throw new Error('no such button');
}

describe('the App Home tab', () => {
  it('publishes the person’s open items and their projects’ RAG when they open it', async () => {
    const [published] = await after(() => bot.sender.event('T1', { type: 'app_home_opened', user: 'UADA', channel: 'DUADA', tab: 'home', event_ts: '1.1' }));
    expect(published).toMatchObject({ method: 'views.publish', token: BOT_TOKEN, args: { user_id: 'UADA', view: { type: 'home' } } });
    const view = published.args.view as { blocks: Json[] };
    const shown = JSON.stringify(view.blocks);
    expect(shown).toContain('Vendor API may slip');
    expect(shown).toMatch(/APOLLO.*Apollo launch — 🟠 Amber · 2026-W48 · you are PM/);
    expect(shown).not.toContain('Bob’s own problem');
    expect(checkLimits('modal', view.blocks)).toEqual([]);
  });

  it('shows Bob his own issue and the project it is on, with no status yet', async () => {
    const [published] = await after(() => bot.sender.event('T1', { type: 'app_home_opened', user: 'UBOB', channel: 'DUBOB', tab: 'home', event_ts: '1.2' }));
    const shown = JSON.stringify((published.args.view as Json).blocks);
    expect(shown).toContain('Bob’s own problem');
    expect(shown).toMatch(/ZEUS.*Zeus migration — ⚪ No status yet/);
    expect(shown).not.toContain('Vendor API may slip');
  });

  it('leaves the Messages tab alone', async () => {
    expect(await after(() => bot.sender.event('T1', { type: 'app_home_opened', user: 'UADA', channel: 'DUADA', tab: 'messages', event_ts: '1.3' }))).toEqual([]);
  });

  it('answers a Show button on the Home tab in the person’s DM', async () => {
    const [published] = await after(() => bot.sender.event('T1', { type: 'app_home_opened', user: 'UADA', channel: 'DUADA', tab: 'home', event_ts: '1.4' }));
    const view = published.args.view as { blocks: Json[] };
    const show = buttonWith(view.blocks, (d) => d.verb === 'pmo.item.show' && d.key === 'R-1');
    const [shown] = await after(() => bot.sender.click({ team: 'T1', user: 'UADA' }, show, { view: { id: 'VHOME', type: 'home', private_metadata: '', title: { type: 'plain_text', text: 'Home' } } }));
    expect(shown).toMatchObject({ method: 'chat.postMessage', args: { channel: 'UADA' } });
    expect(JSON.stringify(shown.args.blocks)).toContain('Vendor API may slip');
  });
});

describe('a 200-item register', () => {
  beforeAll(async () => {
    const ws = await WorkspaceModel.findOne({ platform: 'slack', externalId: 'T1' }).lean();
    for (let i = 1; i <= 200; i++) {
      await createRisk(ws!._id, { userId: 'UADA' }, { title: `Bulk risk number ${i} ${'x'.repeat(i % 50)}`, projectKey: 'ZEUS', probability: (i % 5) + 1, impact: ((i * 3) % 5) + 1 }, NOW);
    }
  }, 120_000);

  it('lists within Block Kit’s limits, saying how many there are, and pages with More', async () => {
    const [list] = await after(() => bot.sender.command('list risks', ADA));
    expect(list.method).toBe('response_url');
    const message = { text: String(list.args.text), blocks: list.args.blocks as Json[] };
    expect(message.text).toBe('201 risks');
    expect(checkMessage(message)).toEqual([]);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    for (const block of message.blocks) expect(JSON.stringify((block as { text?: unknown }).text ?? '').length).toBeLessThan(3100);

    const more = buttonWith(message.blocks, (d) => d.verb === 'pmo.list.page' && d.page === 2);
    const [page2] = await after(() => bot.sender.click(ADA, more, { ephemeral: true }));
    expect(page2).toMatchObject({ method: 'response_url', args: { replace_original: true } });
    expect(checkMessage({ text: String(page2.args.text), blocks: page2.args.blocks as Json[] })).toEqual([]);
    expect(JSON.stringify(page2.args.blocks)).toMatch(/Showing 21–/);
  });

  it('keeps a list’s filters on its next page', async () => {
    const [list] = await after(() => bot.sender.command('list risks project=ZEUS', ADA));
    expect(list.args.text).toBe('200 risks');
    const more = buttonWith(list.args.blocks as Json[], (d) => d.verb === 'pmo.list.page' && d.page === 2);
    expect(JSON.parse(more.value)).toMatchObject({ command: 'list risks project=ZEUS' });
    const [page2] = await after(() => bot.sender.click(ADA, more, { ephemeral: true }));
    expect(page2.args.text).toBe('200 risks');
    expect(JSON.stringify(page2.args.blocks)).toMatch(/on ZEUS/);
    expect(JSON.stringify(page2.args.blocks)).not.toContain('Vendor API may slip');
  });
});
