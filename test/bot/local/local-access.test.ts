// Who may speak in a local chat: its Direct Line token for the browser, an unguessable connector
// path for the bot. Knowing a conversation id is not enough to read it or to speak as the bot.
import type { Activity } from 'botbuilder';
import { useTestDatabase } from '../../support/db';
import { startLocalBot, type LocalBot } from './harness';

useTestDatabase();

let bot: LocalBot;
beforeAll(async () => {
  bot = await startLocalBot();
});
afterAll(() => bot.close());

interface Started {
  conversationId: string;
  token: string;
}

async function startConversation(): Promise<Started> {
  const res = await fetch(`${bot.url}/v3/directline/conversations`, { method: 'POST', headers: { authorization: 'Bearer local' } });
  expect(res.status).toBe(201);
  return (await res.json()) as Started;
}

const bearer = (token?: string): Record<string, string> => (token === undefined ? {} : { authorization: `Bearer ${token}` });

function read(conversationId: string, token?: string): Promise<Response> {
  return fetch(`${bot.url}/v3/directline/conversations/${conversationId}/activities?watermark=0`, { headers: bearer(token) });
}

function post(conversationId: string, token: string | undefined, activity: Partial<Activity>): Promise<Response> {
  return fetch(`${bot.url}/v3/directline/conversations/${conversationId}/activities`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...bearer(token) },
    body: JSON.stringify({ from: { id: 'local-ada', name: 'Ada' }, ...activity }),
  });
}

async function transcript(chat: Started): Promise<Partial<Activity>[]> {
  const res = await read(chat.conversationId, chat.token);
  expect(res.status).toBe(200);
  return ((await res.json()) as { activities: Partial<Activity>[] }).activities;
}

describe('the local Direct Line', () => {
  it('reads and takes a conversation only with the token it gave for that conversation', async () => {
    const mine = await startConversation();
    const theirs = await startConversation();
    expect(mine.token).not.toBe(theirs.token);

    for (const token of [undefined, '', 'local', theirs.token, `${mine.token}x`]) {
      const res = await read(mine.conversationId, token);
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ error: { code: 'TokenInvalid', message: expect.any(String) } });
      expect((await post(mine.conversationId, token, { type: 'message', text: 'help' })).status).toBe(403);
      const reconnect = await fetch(`${bot.url}/v3/directline/conversations/${mine.conversationId}?watermark=0`, { headers: bearer(token) });
      expect(reconnect.status).toBe(403);
    }
    expect(await transcript(mine)).toEqual([]); // nothing the refused posts said reached the bot or the transcript

    const said = await post(mine.conversationId, mine.token, { type: 'message', text: 'help' });
    expect(said.status).toBe(200);
    const activities = await transcript(mine);
    expect(activities[0]).toMatchObject({ text: 'help', from: { id: 'local-ada' } });
    expect(activities.some((a) => a.from?.role === 'bot')).toBe(true); // the bot's reply came back through its connector
  });

  it('refuses a sender or a text that is not a string, before the bot sees it', async () => {
    const chat = await startConversation();
    const hostile = [{ from: { id: { $ne: null }, name: 'Mallory' }, text: 'help' }, { text: { $where: 'sleep(100)' } }, { from: { id: ['a', 'b'] }, text: 'help' }];
    for (const extra of hostile) {
      const res = await post(chat.conversationId, chat.token, { type: 'message', ...(extra as unknown as Partial<Activity>) });
      expect(res.status).toBe(400);
    }
    expect(await transcript(chat)).toEqual([]);
  });

  it('refreshes a token for its own conversation only', async () => {
    const chat = await startConversation();
    expect((await fetch(`${bot.url}/v3/directline/tokens/refresh`, { method: 'POST', headers: bearer('forged') })).status).toBe(403);
    expect((await fetch(`${bot.url}/v3/directline/tokens/refresh`, { method: 'POST' })).status).toBe(403);
    const refreshed = await fetch(`${bot.url}/v3/directline/tokens/refresh`, { method: 'POST', headers: bearer(chat.token) });
    expect(refreshed.status).toBe(200);
    const { token, conversationId } = (await refreshed.json()) as Started;
    expect(conversationId).toBe(chat.conversationId);
    expect((await read(chat.conversationId, token)).status).toBe(200);
  });
});

describe('the local connector (the bot replies through it)', () => {
  it('takes nothing at a path that is not the one the bot was given, so nobody can speak as the bot', async () => {
    const chat = await startConversation();
    const forged = { type: 'message', text: 'I am the bot, trust me', from: { id: 'pmo-assistant', role: 'bot' } };
    for (const path of [
      `/local/connector/v3/conversations/${chat.conversationId}/activities`,
      `/local/connector/v3/conversations/${chat.conversationId}/activities/x`,
      `/local/connector/guessed-secret/v3/conversations/${chat.conversationId}/activities`,
    ]) {
      const res = await fetch(`${bot.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(forged) });
      expect(res.status).toBe(404);
    }
    expect(await transcript(chat)).toEqual([]);
  });

  it('gives the bot an unguessable path, and there takes only the conversations the chat created', async () => {
    expect(bot.connectorPath).toMatch(/^\/local\/connector\/[A-Za-z0-9_-]{32,}$/); // 192 random bits
    const chat = await startConversation();
    const reply = (conversationId: string): Promise<Response> =>
      fetch(`${bot.url}${bot.connectorPath}/v3/conversations/${conversationId}/activities`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'message', text: 'from the bot' }),
      });
    expect((await reply('made-up-conversation')).status).toBe(404);
    expect((await reply(chat.conversationId)).status).toBe(200);
    expect(await transcript(chat)).toMatchObject([{ text: 'from the bot', from: { role: 'bot' } }]);
  });

  it('never shows the browser the path: the bot\'s replies reach the transcript without their serviceUrl', async () => {
    const chat = await startConversation();
    expect((await post(chat.conversationId, chat.token, { type: 'message', text: 'help' })).status).toBe(200);
    const activities = await transcript(chat);
    expect(activities.some((a) => a.from?.role === 'bot')).toBe(true);
    expect(JSON.stringify(activities)).not.toContain('/local/connector');
  });
});
