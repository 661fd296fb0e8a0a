import type { Activity } from 'botbuilder';
import { ChangeRequestModel, IssueModel, ItemHistoryModel, RiskModel, StatusUpdateModel, WorkspaceModel } from '../../../models';
import { useTestDatabase } from '../../support/db';
import { startLocalBot } from './harness';

useTestDatabase();

let bot: Awaited<ReturnType<typeof startLocalBot>>;
beforeAll(async () => {
  bot = await startLocalBot({ now: () => new Date('2026-11-26T10:00:00Z') });
});
afterAll(() => bot.close());

/** A Web Chat client in miniature: Direct Line 3.0 over polling, as the page uses it. */
class Client {
  private watermark = '0';
  constructor(readonly conversationId: string, private readonly token: string, private readonly user = { id: 'local-ada', name: 'Ada' }) {}

  static async start(user?: { id: string; name: string }): Promise<Client> {
    const res = await fetch(`${bot.url}/v3/directline/conversations`, { method: 'POST', headers: { authorization: 'Bearer local' } });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { conversationId: string; token: string };
    expect(body.token).toBeTruthy();
    return new Client(body.conversationId, body.token, user);
  }

  /** Web Chat sends the conversation's token on every call, as `Authorization: Bearer`. */
  private get auth(): Record<string, string> {
    return { authorization: `Bearer ${this.token}` };
  }

  async post(activity: Partial<Activity>): Promise<Response> {
    return fetch(`${bot.url}/v3/directline/conversations/${this.conversationId}/activities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...this.auth },
      body: JSON.stringify({ from: this.user, ...activity }),
    });
  }

  /** Sends a message and returns the bot's replies to it (the echo of our own message left out). */
  async say(text: string, value?: Record<string, unknown>): Promise<Partial<Activity>[]> {
    const res = await this.post({ type: 'message', ...(text ? { text } : {}), ...(value ? { value } : {}) });
    expect(res.status).toBe(200);
    const { id } = (await res.json()) as { id: string };
    const got = await this.poll();
    expect(got.some((a) => a.id === id && a.from?.id === this.user.id)).toBe(true);
    return got.filter((a) => a.from?.role === 'bot');
  }

  async poll(): Promise<Partial<Activity>[]> {
    const res = await fetch(`${bot.url}/v3/directline/conversations/${this.conversationId}/activities?watermark=${this.watermark}`, { headers: this.auth });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { activities: Partial<Activity>[]; watermark: string };
    this.watermark = body.watermark;
    return body.activities;
  }
}

const cardText = (a: Partial<Activity> | undefined): string => JSON.stringify(a?.attachments?.[0]?.content ?? {});

describe('the local chat over Direct Line', () => {
  let chat: Client;
  beforeAll(async () => {
    chat = await Client.start();
  });

  it('serves the chat page and the Web Chat bundle from this server', async () => {
    const page = await fetch(`${bot.url}/`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<script src="/webchat/webchat.js"></script>');
    expect(html).not.toMatch(/https?:\/\/(?!.*127\.0\.0\.1)[a-z]/i); // no CDN, nothing outside
    const bundle = await fetch(`${bot.url}/webchat/webchat.js`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toMatch(/javascript/);
    expect((await bundle.text()).length).toBeGreaterThan(1_000_000);
  });

  it('logs every kind of item inline and works the register, with history', async () => {
    expect((await chat.say('project add APOLLO "Apollo launch"'))[0].text).toBe('Added project APOLLO "Apollo launch". Type link APOLLO in its channel so project= defaults to it there.');
    const [risk] = await chat.say('risk Vendor API may slip p=4 i=5 due=2026-12-04 project=APOLLO');
    expect(risk.text).toBe('Saved R-1 Vendor API may slip');
    expect(risk.attachments?.[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect((await chat.say('issue Build server down priority=high project=APOLLO'))[0].text).toBe('Saved I-1 Build server down');
    expect((await chat.say('change Move launch by a week impact="one week later" project=APOLLO'))[0].text).toBe('Saved C-1 Move launch by a week');

    const [list] = await chat.say('list risks');
    expect(list.text).toBe('1 risk');
    expect(cardText(list)).toContain('Vendor API may slip');
    expect((await chat.say('update R-1 p=2'))[0].text).toBe('Updated R-1 Vendor API may slip');
    const [shown] = await chat.say('show R-1');
    expect(cardText(shown)).toMatch(/4 → 2/);
    expect(cardText(shown)).toMatch(/created/); // read from the item itself, not a stored entry
    expect((await chat.say('escalate R-1'))[0].text).toBe('Escalated I-2 Vendor API may slip');
    expect((await chat.say('close I-2 Vendor delivered'))[0].text).toBe('Closed I-2 Vendor API may slip');

    const workspace = await WorkspaceModel.findOne({ platform: 'local' }).lean();
    expect(workspace).toMatchObject({ externalId: 'default' });
    const scoped = { workspaceId: workspace!._id };
    expect(await RiskModel.findOne({ ...scoped, key: 'R-1' }).lean()).toMatchObject({ probability: 2, impact: 5, ownerId: 'local-ada', escalatedTo: 'I-2' });
    expect(await IssueModel.findOne({ ...scoped, key: 'I-2' }).lean()).toMatchObject({ escalatedFrom: 'R-1', status: 'closed' });
    expect(await ChangeRequestModel.findOne({ ...scoped, key: 'C-1' }).lean()).toMatchObject({ impact: 'one week later', decision: 'pending' });
    expect((await ItemHistoryModel.find({ ...scoped, itemKey: 'R-1' }).sort({ _id: 1 }).lean()).map((h) => h.field)).toEqual(['probability', 'score', 'rating', 'escalatedTo', 'status']);
  });

  it('runs a guided status update across messages, then saves it', async () => {
    const asked = await chat.say('status APOLLO');
    expect(asked.length).toBeGreaterThan(0);
    const answers = ['green', 'green', 'amber', 'green', 'skip', 'On track for the December launch', 'Vendor contract signed', 'Load testing', 'none'];
    let last: Partial<Activity>[] = asked;
    for (const answer of answers) {
      last = await chat.say(answer);
      if (/^Save this/.test(last.at(-1)?.text ?? '')) break;
    }
    expect(last.at(-1)?.text).toMatch(/^Save this status/);
    const [saved] = await chat.say('save');
    expect(saved.text).toMatch(/^Saved status for APOLLO \(2026-W48\)/);
    expect(await StatusUpdateModel.findOne({ projectKey: 'APOLLO', period: '2026-W48' }).lean()).toMatchObject({ overall: 'green' });
  });

  it('answers a card submit like a typed command', async () => {
    const other = await Client.start({ id: 'local-ben', name: 'Ben' });
    const [form] = await other.say('issue');
    expect(form.attachments?.[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    const submitted = await other.say('', { verb: 'pmo.form.submit', command: 'issue', title: 'Printer jammed', priority: 'low', project: 'APOLLO' });
    expect(submitted.at(-1)?.text).toMatch(/^Save this issue/);
    const [saved] = await other.say('', { verb: 'pmo.confirm.save', command: 'issue' });
    expect(saved.text).toBe('Saved I-3 Printer jammed');
  });

  it('says plainly when a conversation is unknown, and refuses an activity without a type', async () => {
    const res = await fetch(`${bot.url}/v3/directline/conversations/not-a-conversation/activities?watermark=0`);
    expect(res.status).toBe(404);
    expect(await res.text()).toMatch(/Reload the page/);
    const bad = await chat.post({ text: 'no type' } as Partial<Activity>);
    expect(bad.status).toBe(400);
  });
});
