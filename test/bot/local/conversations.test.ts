import { LocalConversations, UnknownConversationError } from '../../../bot/local/conversations';

describe('LocalConversations', () => {
  it('numbers activities and returns what came after a watermark', () => {
    const store = new LocalConversations();
    const { id } = store.start();
    const a = store.append(id, { type: 'message', text: 'one' });
    store.append(id, { type: 'message', text: 'two' });
    expect(a.id).toBe(`${id}|0000000`);
    expect(a.conversation?.id).toBe(id);
    expect(store.since(id, 0)).toMatchObject({ watermark: '2', activities: [{ text: 'one' }, { text: 'two' }] });
    expect(store.since(id, 1).activities.map((x) => x.text)).toEqual(['two']);
    expect(store.since(id, 2).activities).toEqual([]);
  });

  it('keeps watermarks counting when old activities are dropped', () => {
    const store = new LocalConversations({ maxActivities: 3 });
    const { id } = store.start();
    for (let i = 0; i < 5; i++) store.append(id, { type: 'message', text: `m${i}` });
    expect(store.since(id, 0)).toMatchObject({ watermark: '5' });
    expect(store.since(id, 0).activities.map((x) => x.text)).toEqual(['m2', 'm3', 'm4']);
    expect(store.since(id, 4).activities.map((x) => x.text)).toEqual(['m4']);
    expect(store.append(id, { type: 'message' }).id).toBe(`${id}|0000005`);
  });

  it('drops the least recently used conversation beyond its limit', () => {
    let t = 0;
    const store = new LocalConversations({ maxConversations: 2 }, () => ++t);
    const first = store.start().id;
    const second = store.start().id;
    store.since(first, 0); // first is used again, so second is now the oldest
    const third = store.start().id;
    expect(store.has(first)).toBe(true);
    expect(store.has(second)).toBe(false);
    expect(store.has(third)).toBe(true);
    expect(() => store.since(second, 0)).toThrow(UnknownConversationError);
  });

  it('gives each conversation its own token, and forgets it with the conversation', () => {
    const store = new LocalConversations({ maxConversations: 1 });
    const first = store.start();
    expect(first.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(store.tokenFits(first.id, first.token)).toBe(true);
    expect(store.tokenFits(first.id, `${first.token.slice(0, -1)}${first.token.endsWith('A') ? 'B' : 'A'}`)).toBe(false);
    expect(store.tokenFits(first.id, '')).toBe(false);
    expect(store.conversationOf(first.token)).toBe(first.id);
    const second = store.start();
    expect(store.tokenFits(second.id, first.token)).toBe(false);
    expect(store.conversationOf(first.token)).toBeUndefined();
    expect(store.tokenFits(first.id, first.token)).toBe(false);
  });

  it('replaces an activity the bot updated, and only one it knows', () => {
    const store = new LocalConversations();
    const { id } = store.start();
    const a = store.append(id, { type: 'message', text: 'old' });
    expect(store.replace(id, a.id!, { type: 'message', text: 'new' })).toBe(true);
    expect(store.since(id, 0).activities[0]).toMatchObject({ id: a.id, text: 'new' });
    expect(store.replace(id, 'nope', { type: 'message' })).toBe(false);
  });
});
