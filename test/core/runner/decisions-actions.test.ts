import { itemFactList } from '../../../cards/item-sections';
import { useTestDatabase } from '../../support/db';
import { makeWorld, runFor } from './world';

useTestDatabase();

describe('decisions and actions (the RAID log)', () => {
  it('logs a decision inline with what was decided, why, and the items it concerns', async () => {
    const world = await makeWorld();
    await runFor(world, world.owner, 'risk Vendor API may slip p=4 i=5 project=APOLLO', 'saved');
    const saved = await runFor(
      world, world.owner,
      'decision Use Postgres outcome="Postgres for the ledger" rationale="the team knows it" on=2026-11-20 items=R-1 project=APOLLO',
      'saved',
    );
    expect(saved.view.item).toMatchObject({
      kind: 'decision', key: 'D-1', title: 'Use Postgres', outcome: 'Postgres for the ledger', rationale: 'the team knows it',
      decidedOn: '2026-11-20', items: ['R-1'], status: 'proposed', overdue: false,
    });
  });

  it('names who decided, as mentioned (a Teams id keeps its case), on the saved card and on show', async () => {
    const world = await makeWorld();
    const saved = await runFor(world, world.owner, 'decision Use Postgres by=@{29:AbC-nina|Nina Park} project=APOLLO', 'saved');
    expect(saved.view.item).toMatchObject({ kind: 'decision', decidedByName: 'Nina Park' });
    await runFor(world, world.owner, 'update D-1 by=@{u-pm|Sam}', 'saved');
    const shown = await runFor(world, world.owner, 'show D-1', 'item');
    expect(shown.view).toMatchObject({ decidedByName: 'Sam' });
    expect(shown.history.map((h) => [h.field, h.from, h.to])).toContainEqual(['decided by', 'Nina Park', 'Sam']);
  });

  it('logs an action serving a risk, taking the project from it, and is overdue when its due date passed', async () => {
    const world = await makeWorld();
    await runFor(world, world.owner, 'risk Vendor API may slip p=4 i=5 project=APOLLO', 'saved');
    const saved = await runFor(world, world.owner, 'action Call the vendor item=R-1 due=2026-11-02 project=APOLLO', 'saved');
    expect(saved.view.item).toMatchObject({ kind: 'action', key: 'A-1', itemKey: 'R-1', ownerName: 'Jane', status: 'open', overdue: true });
    expect(saved.view.note).toMatch(/overdue/i);
  });

  it('takes an action\'s project from the item it serves when none is given (outside a linked channel)', async () => {
    const world = await makeWorld();
    await runFor(world, world.owner, 'risk Vendor API may slip p=4 i=5 project=APOLLO', 'saved');
    const saved = await runFor(world, world.owner, 'action Call the vendor owner=me due=friday item=R-1', 'saved');
    expect(saved.view.item).toMatchObject({ key: 'A-1', project: 'APOLLO', itemKey: 'R-1', due: '2026-11-27' });
  });

  it('shows the actions and decisions that concern an item on its card', async () => {
    const world = await makeWorld();
    await runFor(world, world.owner, 'risk Vendor API may slip p=4 i=5 project=APOLLO', 'saved');
    await runFor(world, world.owner, 'action Call the vendor item=R-1 project=APOLLO', 'saved');
    await runFor(world, world.owner, 'decision Use Postgres items=R-1 project=APOLLO', 'saved');
    const shown = await runFor(world, world.owner, 'show R-1', 'item');
    expect(shown.view.related).toEqual([
      { key: 'A-1', title: 'Call the vendor', status: 'open' },
      { key: 'D-1', title: 'Use Postgres', status: 'proposed' },
    ]);
    const facts = Object.fromEntries(itemFactList(shown.view).map((f) => [f.title, f.value]));
    expect(facts).toMatchObject({ Actions: 'A-1 Call the vendor (Open)', Decisions: 'D-1 Use Postgres (Proposed)' });
  });

  it('lists, updates and closes them like the other registers', async () => {
    const world = await makeWorld();
    await runFor(world, world.owner, 'action Call the vendor project=APOLLO', 'saved');
    await runFor(world, world.owner, 'action Book the room due=2026-12-01 project=APOLLO', 'saved');
    await runFor(world, world.owner, 'decision Use Postgres project=APOLLO', 'saved');
    await runFor(world, world.owner, 'decision Use MySQL project=APOLLO', 'saved');
    const actions = await runFor(world, world.owner, 'list actions', 'list');
    expect(actions.view.items.map((i) => i.key)).toEqual(['A-2', 'A-1']);
    const closed = await runFor(world, world.owner, 'close A-2', 'saved');
    expect(closed.view).toMatchObject({ outcome: 'closed', item: { status: 'done' } });
    const agreed = await runFor(world, world.owner, 'update D-1 status=agreed', 'saved');
    expect(agreed.view.item.status).toBe('agreed');
    const superseded = await runFor(world, world.owner, 'update D-1 superseded_by=D-2', 'saved');
    expect(superseded.view).toMatchObject({ outcome: 'closed', item: { status: 'superseded', supersededBy: 'D-2' } });
    const decisions = await runFor(world, world.owner, 'list decisions', 'list');
    expect(decisions.view.items.map((i) => i.key)).toEqual(['D-2']);
  });

  it('keeps the word decision= for a change request when updating one', async () => {
    const world = await makeWorld();
    await runFor(world, world.owner, 'change Add SSO project=APOLLO', 'saved');
    const decided = await runFor(world, world.admin, 'update C-1 decision=approved', 'saved');
    expect(decided.view.item).toMatchObject({ kind: 'change', decision: 'approved' });
  });

  it('refuses an action serving an item that does not exist', async () => {
    const world = await makeWorld();
    const reply = await runFor(world, world.owner, 'action Call the vendor item=R-9 project=APOLLO', 'error');
    expect(reply.view.message).toContain('R-9');
  });

  it('blames the field naming an item that does not exist, not the key of the item being changed', async () => {
    const world = await makeWorld();
    await runFor(world, world.owner, 'risk Vendor API may slip p=4 i=5 project=APOLLO', 'saved');
    await runFor(world, world.owner, 'action Call the vendor item=R-1', 'saved');
    await runFor(world, world.owner, 'decision Use Postgres items=R-1 project=APOLLO', 'saved');
    const cases: [string, string, string][] = [
      ['update A-1 item=R-9', 'item', 'There is no R-9 in this workspace.'],
      ['update D-1 items=R-1,I-9', 'items', 'There is no I-9 in this workspace.'],
      ['update D-1 superseded_by=D-9', 'supersededBy', 'There is no D-9 in this workspace.'],
      ['action Book the room item=I-4 project=APOLLO', 'item', 'There is no I-4 in this workspace.'],
      ['update A-9 due=friday', 'key', 'There is no A-9 in this workspace.'],
    ];
    for (const [text, field, message] of cases) {
      const reply = await runFor(world, world.owner, text, 'error');
      expect([text, reply.field, reply.view.message]).toEqual([text, field, message]);
    }
  });

  it('refuses an item naming itself, and a decision superseded by one no longer in force (no cycle)', async () => {
    const world = await makeWorld();
    await runFor(world, world.owner, 'risk Vendor API may slip p=4 i=5 project=APOLLO', 'saved');
    await runFor(world, world.owner, 'decision Use Postgres items=R-1 project=APOLLO', 'saved');
    await runFor(world, world.owner, 'decision Use MySQL items=R-1 project=APOLLO', 'saved');
    await runFor(world, world.owner, 'action Call the vendor item=R-1', 'saved');
    const cases: [string, string, string][] = [
      ['update D-1 superseded_by=D-1', 'supersededBy', 'D-1 cannot be superseded by itself.'],
      ['update A-1 item=A-1', 'item', 'A-1 cannot serve itself.'],
      ['update D-1 items=R-1,D-1', 'items', 'D-1 cannot concern itself.'],
    ];
    for (const [text, field, message] of cases) {
      const reply = await runFor(world, world.owner, text, 'error');
      expect([text, reply.field, reply.view.message]).toEqual([text, field, message]);
    }
    await runFor(world, world.owner, 'update D-1 superseded_by=D-2', 'saved');
    const cycle = await runFor(world, world.owner, 'update D-2 superseded_by=D-1', 'error');
    expect([cycle.field, cycle.view.message]).toEqual(['supersededBy', 'D-1 is itself superseded (by D-2); name the decision in force.']);
    const shown = await runFor(world, world.owner, 'show D-2', 'item');
    expect(shown.view).toMatchObject({ status: 'proposed' });
    expect(shown.view).toMatchObject({ kind: 'decision', supersededBy: undefined });
  });

  it('a superseded decision put back in force is no longer superseded by the other', async () => {
    const world = await makeWorld();
    await runFor(world, world.owner, 'decision Use Postgres project=APOLLO', 'saved');
    await runFor(world, world.owner, 'decision Use MySQL project=APOLLO', 'saved');
    await runFor(world, world.owner, 'update D-1 superseded_by=D-2', 'saved');
    const back = await runFor(world, world.owner, 'update D-1 status=agreed', 'saved');
    expect(back.view.item).toMatchObject({ status: 'agreed' });
    expect(back.view.item).toMatchObject({ kind: 'decision', supersededBy: undefined });
    const shown = await runFor(world, world.owner, 'show D-1', 'item');
    expect(shown.history.map((h) => [h.field, h.from, h.to]).slice(-2)).toEqual([['status', 'superseded', 'agreed'], ['superseded by', 'D-2', undefined]]);
    expect((await runFor(world, world.owner, 'list decisions', 'list')).view.items.map((i) => i.key)).toEqual(['D-2', 'D-1']);
  });

  it('help lists decision and action with their usage, and help escalate shows issues too', async () => {
    const world = await makeWorld();
    const help = await runFor(world, world.owner, 'help', 'help');
    const usages = help.view.commands.map((c) => c.usage);
    expect(usages).toEqual(expect.arrayContaining([
      'decision [title] [outcome=".."] [rationale=".."] [by=@user] [on=DATE] [items=R-3,I-2] [project=KEY]',
      'action [title] [owner=@user] [due=DATE] [item=KEY] [project=KEY]',
      'escalate R-n|I-n',
    ]));
    const escalate = await runFor(world, world.owner, 'help escalate', 'help');
    expect(escalate.view.commands[0].examples).toEqual(['escalate R-12', 'escalate I-3']);
  });

  it('exports decisions and actions as CSV files named after the register', async () => {
    const world = await makeWorld();
    const file = await runFor(world, world.admin, 'export decisions', 'file');
    expect(file.filename).toMatch(/^decisions-all-\d{4}-\d{2}-\d{2}\.csv$/);
  });
});
