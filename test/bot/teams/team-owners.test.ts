import { Writable } from 'node:stream';
import pino from 'pino';
import { TeamOwners } from '../../../bot/teams/team-owners';
import { GraphStub } from '../../support/graph-stub';

// The Graph reader alone, against the local Graph and token stubs, on an injected clock.
const APP = { appId: 'graph-app', appPassword: 'graph-secret' };
const guid = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const OWNER = guid(1);
const MEMBER = guid(2);
const TEAM = guid(10);

const graph = new GraphStub(APP);
let urls: { graphApiUrl: string; graphTokenUrl: string };
beforeAll(async () => {
  urls = await graph.start();
});
afterAll(() => graph.stop());
beforeEach(() => {
  graph.mode = 'up';
  graph.pageSize = 100;
  graph.delayMs = 0;
  graph.tokenRequests.length = 0;
  graph.memberCalls.length = 0;
  graph.setMembers(TEAM, [
    { userId: OWNER, displayName: 'Olga', roles: ['owner'] },
    { userId: MEMBER, displayName: 'Max', roles: [] },
  ]);
});

function reader(overrides: Partial<{ graphApiUrl: string; graphTokenUrl: string; turnWaitMs: number }> = {}): { owners: TeamOwners; logs: string[]; clock: { now: number } } {
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const clock = { now: Date.parse('2026-12-07T09:00:00Z') };
  const owners = new TeamOwners({ ...APP, ...urls, ...overrides, logger: pino({ level: 'debug' }, sink), clock: () => clock.now });
  return { owners, logs, clock };
}

describe('TeamOwners', () => {
  it('does not hold a turn for a slow Graph: that turn goes on under today\'s rules, the next one knows', async () => {
    const { owners } = reader({ turnWaitMs: 50 });
    graph.delayMs = 300;
    expect(await owners.isOwner('t1', TEAM, OWNER)).toBe(false); // answered after 50 ms, not 300
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await owners.isOwner('t1', TEAM, OWNER)).toBe(true); // the lookup went on and filled the cache
    expect(graph.memberCalls).toHaveLength(1);
  });

  it('says who owns the team, matching Entra ids whatever their case', async () => {
    const { owners } = reader();
    expect(await owners.isOwner('t1', TEAM, OWNER)).toBe(true);
    expect(await owners.isOwner('t1', TEAM.toUpperCase(), OWNER.toUpperCase())).toBe(true);
    expect(await owners.isOwner('t1', TEAM, MEMBER)).toBe(false);
    expect(graph.memberCalls).toHaveLength(1);
  });

  it('keeps a team for five minutes, then asks again, reusing its token until shortly before it expires', async () => {
    const { owners, clock } = reader();
    await owners.isOwner('t1', TEAM, OWNER);
    clock.now += 4 * 60_000;
    await owners.isOwner('t1', TEAM, OWNER);
    expect(graph.memberCalls).toHaveLength(1);
    clock.now += 2 * 60_000;
    graph.setMembers(TEAM, [{ userId: OWNER, displayName: 'Olga', roles: [] }]);
    expect(await owners.isOwner('t1', TEAM, OWNER)).toBe(false);
    expect(graph.memberCalls).toHaveLength(2);
    expect(graph.tokenRequests).toHaveLength(1);
    // The stub's token lives 3599 s: an hour on, a new one is fetched.
    clock.now += 60 * 60_000;
    await owners.isOwner('t1', TEAM, OWNER);
    expect(graph.tokenRequests).toHaveLength(2);
    expect(graph.memberCalls.at(-1)?.authorization).toBe(`Bearer ${graph.issued.at(-1)}`);
  });

  it('shares one lookup among turns arriving together', async () => {
    const { owners } = reader();
    const answers = await Promise.all([owners.isOwner('t1', TEAM, OWNER), owners.isOwner('t1', TEAM, MEMBER), owners.isOwner('t1', TEAM, OWNER)]);
    expect(answers).toEqual([true, false, true]);
    expect(graph.memberCalls).toHaveLength(1);
    expect(graph.tokenRequests).toHaveLength(1);
  });

  it('gets a token per tenant, from the token URL with the tenant filled in', async () => {
    const { owners } = reader();
    await owners.isOwner('tenant-a', TEAM, OWNER);
    await owners.isOwner('tenant-b', TEAM, OWNER);
    expect(graph.tokenRequests.map((r) => r.tenant)).toEqual(['tenant-a', 'tenant-b']);
  });

  it('asks nothing for ids that are not GUIDs, so no activity value shapes a Graph path', async () => {
    const { owners } = reader();
    expect(await owners.isOwner('t1', '../../users', OWNER)).toBe(false);
    expect(await owners.isOwner('t1', TEAM, '29:not-an-aad-id')).toBe(false);
    expect(await owners.isOwner('t1/../x', TEAM, OWNER)).toBe(false);
    expect(graph.tokenRequests).toHaveLength(0);
    expect(graph.memberCalls).toHaveLength(0);
  });

  it('does not follow a next page off Graph (its token would go with it)', async () => {
    graph.pageSize = 1;
    const { owners } = reader({ graphApiUrl: urls.graphApiUrl.replace('127.0.0.1', 'localhost') });
    // The stub's next links name 127.0.0.1, another origin than localhost: only the first page is read.
    expect(await owners.isOwner('t1', TEAM, OWNER)).toBe(true);
    expect(await owners.isOwner('t1', TEAM, MEMBER)).toBe(false);
    expect(graph.memberCalls).toHaveLength(1);
  });

  it('after a failure answers "not an owner", waits a minute before asking again, and warns once', async () => {
    const { owners, logs, clock } = reader();
    graph.mode = 'members-500';
    expect(await owners.isOwner('t1', TEAM, OWNER)).toBe(false);
    clock.now += 30_000;
    expect(await owners.isOwner('t1', TEAM, OWNER)).toBe(false);
    expect(graph.memberCalls).toHaveLength(1);
    graph.mode = 'up';
    clock.now += 31_000;
    expect(await owners.isOwner('t1', TEAM, OWNER)).toBe(true);
    graph.mode = 'members-403';
    expect(await owners.isOwner('t1', guid(11), OWNER)).toBe(false);
    expect(logs.filter((l) => l.includes('Microsoft Graph gave no team owners'))).toHaveLength(1);
    expect(logs.join('\n')).not.toContain(APP.appPassword);
  });

  it('drops a token Graph refuses (401), and gets a new one next time', async () => {
    const { owners, clock } = reader();
    await owners.isOwner('t1', TEAM, OWNER);
    graph.issued.length = 0; // Graph no longer accepts the token it has
    clock.now += 6 * 60_000;
    expect(await owners.isOwner('t1', TEAM, OWNER)).toBe(false);
    clock.now += 2 * 60_000;
    expect(await owners.isOwner('t1', TEAM, OWNER)).toBe(true);
    expect(graph.tokenRequests).toHaveLength(2);
  });

  it('waits out a throttled Graph\'s Retry-After, and the owners it last named still count meanwhile', async () => {
    const { owners, clock } = reader();
    expect(await owners.isOwner('t1', TEAM, OWNER)).toBe(true);
    clock.now += 6 * 60_000; // past the five minutes: asked again, and throttled
    graph.mode = 'members-429';
    graph.retryAfterSeconds = 120;
    expect(await owners.isOwner('t1', TEAM, OWNER)).toBe(true);
    expect(await owners.isOwner('t1', TEAM, MEMBER)).toBe(false);
    expect(graph.memberCalls).toHaveLength(2);
    graph.mode = 'up';
    clock.now += 90_000; // past a minute, not past Retry-After
    expect(await owners.isOwner('t1', TEAM, OWNER)).toBe(true);
    expect(graph.memberCalls).toHaveLength(2);
    clock.now += 31_000;
    expect(await owners.isOwner('t1', TEAM, OWNER)).toBe(true);
    expect(graph.memberCalls).toHaveLength(3);
  });

  it('counts the owners Graph last named for an hour at most while it fails, and none once it refuses', async () => {
    const { owners, clock } = reader();
    expect(await owners.isOwner('t1', TEAM, OWNER)).toBe(true);
    graph.mode = 'members-500';
    for (let minutes = 6; minutes <= 60; minutes += 6) {
      clock.now += 6 * 60_000;
      expect(await owners.isOwner('t1', TEAM, OWNER)).toBe(true);
    }
    clock.now += 2 * 60_000; // 62 minutes since Graph last answered
    expect(await owners.isOwner('t1', TEAM, OWNER)).toBe(false);

    const other = guid(12);
    graph.mode = 'up';
    graph.setMembers(other, [{ userId: OWNER, displayName: 'Olga', roles: ['owner'] }]);
    expect(await owners.isOwner('t1', other, OWNER)).toBe(true);
    clock.now += 6 * 60_000;
    graph.mode = 'members-403'; // the team's consent withdrawn
    expect(await owners.isOwner('t1', other, OWNER)).toBe(false);
    clock.now += 2 * 60_000;
    graph.mode = 'members-500'; // and then Graph fails: what it said before the refusal no longer counts
    expect(await owners.isOwner('t1', other, OWNER)).toBe(false);
  });
});
