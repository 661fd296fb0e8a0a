import { useTestDatabase } from '../../support/db';
import { runCommand } from '../../../core/runner';
import { LIST_LIMIT, LIST_MAX_ROWS, listRowsFor } from '../../../core/runner/list.runner';
import { expectType, makeWorld, parse, run, runContext, runFor, type World } from './world';

useTestDatabase();

const MONDAY = new Date('2026-11-23T09:00:00Z');

async function registers(world: World): Promise<void> {
  const at = { now: MONDAY };
  await runFor(world, world.admin, 'project add ZEUS "Zeus platform"', 'text', at);
  await runFor(world, world.owner, 'risk Vendor slip p=3 i=3 due=2026-11-24 project=APOLLO', 'saved', at);
  await runFor(world, world.owner, 'risk Data centre move p=5 i=5 project=APOLLO', 'saved', at);
  await runFor(world, world.other, 'risk Licence audit p=2 i=4 project=ZEUS', 'saved', at);
  await runFor(world, world.other, 'risk Old worry p=5 i=4 project=APOLLO', 'saved', at);
  await runFor(world, world.other, 'close R-4', 'saved', at);
  await runFor(world, world.owner, 'issue Build server down priority=high project=APOLLO', 'saved', at);
}

describe('list', () => {
  it('lists open risks by default, top score first, with owners named', async () => {
    const world = await makeWorld();
    await registers(world);
    const list = await runFor(world, world.other, 'list', 'list');
    expect(list.view).toMatchObject({ kind: 'risk', filters: 'open', total: 3 });
    expect(list.view.items.map((i) => [i.key, i.ownerName])).toEqual([['R-2', 'Jane'], ['R-1', 'Jane'], ['R-3', 'Olly']]);
  });

  it('filters by mine, overdue and project', async () => {
    const world = await makeWorld();
    await registers(world);
    const mine = await runFor(world, world.other, 'list risks mine', 'list');
    expect(mine.view.items.map((i) => i.key)).toEqual(['R-3']);
    const overdue = await runFor(world, world.other, 'list risks overdue', 'list');
    expect(overdue.view).toMatchObject({ filters: 'open, overdue', total: 1, items: [{ key: 'R-1', overdue: true }] });
    const zeus = await runFor(world, world.owner, 'list risks project=ZEUS mine', 'list');
    expect(zeus.view).toMatchObject({ filters: 'open on ZEUS, mine', total: 0, items: [] });
    const issues = await runFor(world, world.owner, 'list issues project=APOLLO', 'list');
    expect(issues.view).toMatchObject({ kind: 'issue', total: 1, items: [{ key: 'I-1', priority: 'high' }] });
  });

  it('lists the linked channel’s project by default', async () => {
    const world = await makeWorld();
    await registers(world);
    await runFor(world, world.admin, 'link ZEUS', 'text', { channelId: 'zeus-channel' });
    const list = await runFor(world, world.owner, 'list risks', 'list', { channelId: 'zeus-channel' });
    expect(list.view).toMatchObject({ filters: 'open on ZEUS', total: 1, items: [{ key: 'R-3' }] });
  });

  it('returns the top 25 and the total', async () => {
    const world = await makeWorld();
    for (let n = 1; n <= 27; n++) await run(world, world.owner, `risk Risk ${n} p=${(n % 5) + 1} i=2 project=APOLLO`);
    const list = await runFor(world, world.owner, 'list risks', 'list');
    expect(list.view.items).toHaveLength(25);
    expect(list.view.total).toBe(27);
    expect(list.view.items[0]).toMatchObject({ kind: 'risk', score: 10 });
  });

  it('fetches every row up to the page a transport asks for (Slack’s More), never fewer than 25 nor more than 200', async () => {
    expect([listRowsFor(1, 20), listRowsFor(2, 20), listRowsFor(3, 40), listRowsFor(10, 20), listRowsFor(7, 30), listRowsFor(99, 40)]).toEqual([25, 40, 120, 200, 200, 200]);
    expect([listRowsFor(0, 0), listRowsFor(Number.NaN, 20), listRowsFor(-3, 20)]).toEqual([LIST_LIMIT, LIST_LIMIT, LIST_LIMIT]);
    expect(LIST_MAX_ROWS).toBe(200);

    const world = await makeWorld();
    for (let n = 1; n <= 45; n++) await run(world, world.owner, `risk Risk ${n} p=${(n % 5) + 1} i=2 project=APOLLO`);
    const listWith = async (listRows?: number) =>
      expectType(await runCommand(parse('list risks', world.owner), { ...runContext(world, world.owner), ...(listRows === undefined ? {} : { listRows }) }), 'list').view;
    const teams = await listWith();
    expect(teams.items).toHaveLength(25); // no paging asked: what Teams has always shown
    const page2 = await listWith(listRowsFor(2, 20));
    expect(page2).toMatchObject({ total: 45 });
    expect(page2.items).toHaveLength(40);
    expect(page2.items.slice(0, 25)).toEqual(teams.items); // the same order, only longer
    expect((await listWith(listRowsFor(3, 20))).items).toHaveLength(45);
    expect((await listWith(5000)).items).toHaveLength(45); // clamped to 200, never a refused limit
  });

  it('refuses an unknown project', async () => {
    const world = await makeWorld();
    const reply = await runFor(world, world.owner, 'list risks project=NOPE', 'error');
    expect(reply).toMatchObject({ field: 'project', view: { message: 'There is no project NOPE in this workspace.' } });
  });
});

describe('status', () => {
  it('stores the PM’s highlight report for this ISO week and shows it', async () => {
    const world = await makeWorld();
    const reply = await runFor(world, world.pm, 'status APOLLO rag=amber schedule=red reason="Vendor delay" summary="Vendor delay" blockers="Need SSO decision"', 'status');
    expect(reply.replaced).toBe(false);
    expect(reply.view).toEqual({
      project: 'APOLLO', projectName: 'Apollo', period: '2026-W48', overall: 'amber', schedule: 'red', scope: 'amber', cost: 'amber',
      summary: 'Vendor delay', reason: 'Vendor delay', done: undefined, next: undefined, blockers: 'Need SSO decision', authorName: 'Sam',
    });
    const again = await runFor(world, world.pm, 'status APOLLO rag=green', 'status');
    expect(again).toMatchObject({ replaced: true, view: { overall: 'green', schedule: 'green' } });
  });

  it('takes the project from a linked channel', async () => {
    const world = await makeWorld();
    await runFor(world, world.admin, 'link APOLLO', 'text', { channelId: 'apollo' });
    const reply = await runFor(world, world.pm, 'status rag=r reason="Build farm down"', 'status', { channelId: 'apollo' });
    expect(reply.view).toMatchObject({ project: 'APOLLO', overall: 'red' });
  });

  it('asks for the overall RAG and refuses anyone but the PM or a PMO admin', async () => {
    const world = await makeWorld();
    const missing = await runFor(world, world.pm, 'status APOLLO summary="All fine"', 'error');
    expect(missing).toMatchObject({ field: 'rag', view: { message: 'A status update needs an overall RAG (rag=red|amber|green).' } });
    const forbidden = await runFor(world, world.other, 'status APOLLO rag=green', 'error');
    expect(forbidden.view.message).toBe("Only the project's PM (Sam) or a PMO admin can post APOLLO's status update.");
    const unknown = await runFor(world, world.pm, 'status NOPE rag=green', 'error');
    expect(unknown.field).toBe('project');
  });
});
