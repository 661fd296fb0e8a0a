import { itemHeadline } from '../../../cards';
import { changeText } from '../../../cards/history';
import type { HistoryEntryView } from '../../../core/view-models';
import { getPerson } from '../../../core/services';
import { useTestDatabase } from '../../support/db';
import { makeWorld, runFor } from './world';

useTestDatabase();

describe('logging items', () => {
  it('logs a risk with the fields given inline, owned by the person logging it', async () => {
    const world = await makeWorld();
    const saved = await runFor(world, world.owner, 'risk Vendor API may slip p=4 i=5 due="next friday" project=APOLLO', 'saved');
    expect(saved.view.outcome).toBe('created');
    expect(saved.view.item).toMatchObject({
      kind: 'risk', key: 'R-1', title: 'Vendor API may slip', project: 'APOLLO', ownerName: 'Jane', raisedByName: 'Jane',
      probability: 4, impact: 5, score: 20, rating: 'critical', due: '2026-12-04', status: 'open', overdue: false,
    });
    expect(itemHeadline(saved.view.item)).toBe('R-1 Vendor API may slip');
  });

  it('records an @mentioned owner who has never talked to the bot, with the name from the mention', async () => {
    const world = await makeWorld();
    const saved = await runFor(world, world.owner, 'risk Key engineer leaving p=2 i=4 owner=@{29:nina|Nina Park} project=APOLLO', 'saved');
    expect(saved.view.item).toMatchObject({ ownerName: 'Nina Park', raisedByName: 'Jane' });
    expect(await getPerson(world.ws, '29:nina')).toMatchObject({ displayName: 'Nina Park', role: 'member' });
  });

  it('logs issues and change requests with their own fields', async () => {
    const world = await makeWorld();
    const issue = await runFor(world, world.other, 'issue Build server down priority=high type=off_specification project=APOLLO', 'saved');
    expect(issue.view.item).toMatchObject({ kind: 'issue', key: 'I-1', priority: 'high', type: 'off_specification', ownerName: 'Olly' });
    const change = await runFor(world, world.other, 'change Add SSO to scope impact="+2 weeks, +10k" project=APOLLO', 'saved');
    expect(change.view.item).toMatchObject({ kind: 'change', key: 'C-1', impact: '+2 weeks, +10k', decision: 'pending' });
  });

  it('refuses an item with required fields missing, naming them and the first to ask', async () => {
    const world = await makeWorld();
    const reply = await runFor(world, world.owner, 'risk Vendor API may slip p=3', 'error');
    expect(reply.field).toBe('impact');
    expect(reply.view.message).toBe('A risk needs an impact (i=1-5) and a project (project=KEY, or link this channel to one).');
    expect(reply.view.hint).toContain('risk [title] [p=1-5]');
    const issue = await runFor(world, world.owner, 'issue project=APOLLO', 'error');
    expect(issue).toMatchObject({ field: 'title', view: { message: 'An issue needs a title.' } });
  });

  it('refuses an unknown project, naming the project field', async () => {
    const world = await makeWorld();
    const reply = await runFor(world, world.owner, 'risk Vendor API may slip p=3 i=3 project=NOPE', 'error');
    expect(reply).toMatchObject({ field: 'project', view: { message: 'There is no project NOPE in this workspace.' } });
  });
});

describe('the project= default from a linked channel', () => {
  it('files items typed in a linked channel under its project, unless another is named', async () => {
    const world = await makeWorld();
    await runFor(world, world.admin, 'project add ZEUS "Zeus platform"', 'text');
    await runFor(world, world.admin, 'link APOLLO', 'text', { channelId: '19:apollo@thread' });
    const here = await runFor(world, world.owner, 'risk Vendor API may slip p=3 i=3', 'saved', { channelId: '19:apollo@thread' });
    expect(here.view.item.project).toBe('APOLLO');
    const named = await runFor(world, world.owner, 'issue Licence expired project=ZEUS', 'saved', { channelId: '19:apollo@thread' });
    expect(named.view.item.project).toBe('ZEUS');
    const elsewhere = await runFor(world, world.owner, 'risk Vendor API may slip p=3 i=3', 'error', { channelId: '19:other@thread' });
    expect(elsewhere.field).toBe('project');
  });
});

describe('show', () => {
  it('shows an item with its history, people named and field changes readable', async () => {
    const world = await makeWorld();
    await runFor(world, world.owner, 'risk Vendor API may slip p=4 i=5 project=APOLLO', 'saved');
    await runFor(world, world.pm, 'update R-1 p=2 owner=@{29:nina|Nina Park}', 'saved', { now: new Date('2026-11-27T09:00:00Z') });
    await runFor(world, world.pm, 'close R-1 Vendor confirmed the date', 'saved', { now: new Date('2026-11-28T09:00:00Z') });

    const shown = await runFor(world, world.other, 'show r-1', 'item');
    expect(shown.view).toMatchObject({ key: 'R-1', ownerName: 'Nina Park', raisedByName: 'Jane', probability: 2, score: 10, status: 'closed' });
    const lines = shown.history.map((h) => [h.byName, h.action, h.field, h.from, h.to]);
    expect(lines).toEqual([
      ['Jane', 'created', undefined, undefined, 'Vendor API may slip'],
      ['Sam', 'updated', 'probability', '4', '2'],
      ['Sam', 'updated', 'owner', 'Jane', 'Nina Park'],
      ['Sam', 'updated', 'score', '20', '10'],
      ['Sam', 'updated', 'rating', 'critical', 'high'],
      ['Sam', 'closed', 'status', 'open', 'Vendor confirmed the date'],
    ]);
    expect(shown.history[0].at).toBe('2026-11-26T10:00:00.000Z');
  });

  it('says an unknown key is not found, naming the key field', async () => {
    const world = await makeWorld();
    const reply = await runFor(world, world.owner, 'show R-99', 'error');
    expect(reply).toMatchObject({ field: 'key', view: { message: 'There is no R-99 in this workspace.' } });
  });

  it('never shows another workspace’s items', async () => {
    const a = await makeWorld();
    const b = await makeWorld();
    await runFor(a, a.owner, 'risk Secret merger p=5 i=5 project=APOLLO', 'saved');
    const reply = await runFor(b, b.owner, 'show R-1', 'error');
    expect(reply.view.message).toBe('There is no R-1 in this workspace.');
    const list = await runFor(b, b.owner, 'list risks', 'list');
    expect(list.view.total).toBe(0);
  });

  it('marks an item overdue once its due date has passed in the workspace’s zone', async () => {
    const world = await makeWorld({ timeZone: 'America/New_York' });
    await runFor(world, world.owner, 'risk Vendor API may slip p=4 i=5 due=2026-11-27 project=APOLLO', 'saved');
    // 04:30 UTC on the 28th is still the evening of the 27th in New York.
    const before = await runFor(world, world.owner, 'show R-1', 'item', { now: new Date('2026-11-28T04:30:00Z') });
    expect(before.view.overdue).toBe(false);
    const after = await runFor(world, world.owner, 'show R-1', 'item', { now: new Date('2026-11-28T05:30:00Z') });
    expect(after.view.overdue).toBe(true);
  });
});

describe('update and close', () => {
  it('updates fields and reports the item as stored', async () => {
    const world = await makeWorld();
    await runFor(world, world.owner, 'issue Build server down project=APOLLO', 'saved');
    const saved = await runFor(world, world.owner, 'update I-1 priority=critical status=in_progress', 'saved');
    expect(saved.view).toMatchObject({ outcome: 'updated', item: { key: 'I-1', priority: 'critical', status: 'in_progress' } });
  });

  it('maps the review date and the decision to what the services store', async () => {
    const world = await makeWorld({ policy: 'supportive' }); // the project's PM decides the change below
    await runFor(world, world.owner, 'risk Vendor API may slip p=4 i=5 project=APOLLO', 'saved');
    const risk = await runFor(world, world.owner, 'update R-1 review=2026-12-10 response=reduce mitigation="Weekly vendor call"', 'saved');
    expect(risk.view.item).toMatchObject({ reviewDate: '2026-12-10', response: 'reduce', mitigation: 'Weekly vendor call' });
    await runFor(world, world.owner, 'change Add SSO impact="+2 weeks" project=APOLLO', 'saved');
    const change = await runFor(world, world.pm, 'update C-1 decision=approve', 'saved');
    expect(change.view.item).toMatchObject({ decision: 'approved', decidedByName: 'Sam', decidedAt: '2026-11-26' });
  });

  it('calls an update that closes the item a close, and a no-op update says so', async () => {
    const world = await makeWorld();
    await runFor(world, world.owner, 'issue Build server down project=APOLLO', 'saved');
    expect((await runFor(world, world.owner, 'update I-1 status=resolved', 'saved')).view.outcome).toBe('closed');
    const same = await runFor(world, world.owner, 'update I-1 status=resolved', 'text');
    expect(same.text).toBe('Nothing to change: I-1 already has those values.');
  });

  it('refuses anyone but the owner, the PM or a PMO admin, saying who may', async () => {
    const world = await makeWorld();
    await runFor(world, world.owner, 'risk Vendor API may slip p=4 i=5 project=APOLLO', 'saved');
    const update = await runFor(world, world.other, 'update R-1 p=1', 'error');
    expect(update.view.message).toBe("Only the owner (Jane), the project's PM (Sam) or a PMO admin can update R-1.");
    expect(update.field).toBeUndefined();
    const close = await runFor(world, world.other, 'close R-1', 'error');
    expect(close.view.message).toBe("Only the owner (Jane), the project's PM (Sam) or a PMO admin can close R-1.");
    expect((await runFor(world, world.owner, 'show R-1', 'item')).view).toMatchObject({ probability: 4, status: 'open' });
  });

  it('closes with the resolution text and refuses to close twice', async () => {
    const world = await makeWorld();
    await runFor(world, world.owner, 'issue Build server down project=APOLLO', 'saved');
    const closed = await runFor(world, world.pm, 'close I-1 Restarted the build agent', 'saved');
    expect(closed.view).toMatchObject({ outcome: 'closed', item: { key: 'I-1', status: 'closed', resolution: 'Restarted the build agent' } });
    const again = await runFor(world, world.pm, 'close I-1', 'error');
    expect(again.view.message).toBe('I-1 is already closed.');
  });
});

describe('escalate', () => {
  it('turns the risk into an issue linked both ways and names both keys', async () => {
    const world = await makeWorld();
    await runFor(world, world.owner, 'issue Unrelated project=APOLLO', 'saved');
    await runFor(world, world.owner, 'risk Supplier insolvency p=4 i=4 project=APOLLO', 'saved');
    const saved = await runFor(world, world.pm, 'escalate R-1', 'saved');
    expect(saved.view).toMatchObject({
      outcome: 'escalated',
      item: { kind: 'issue', key: 'I-2', title: 'Supplier insolvency', escalatedFrom: 'R-1', priority: 'high', ownerName: 'Jane', raisedByName: 'Sam' },
    });
    const risk = await runFor(world, world.other, 'show R-1', 'item');
    expect(risk.view).toMatchObject({ escalatedTo: 'I-2', status: 'closed' });
    expect(risk.history.map((h) => [h.action, h.to])).toContainEqual(['escalated', 'I-2']);
    const issue = await runFor(world, world.other, 'show I-2', 'item');
    expect(issue.history.map((h) => [h.action, h.field, h.to])).toContainEqual(['escalated', 'escalatedFrom', 'R-1']);

    const twice = await runFor(world, world.pm, 'escalate R-1', 'error');
    expect(twice.view.message).toBe('R-1 was already escalated to I-2.');
  });

  it('raises a change request from an issue, linked both ways, with a history line on each', async () => {
    const world = await makeWorld();
    await runFor(world, world.owner, 'change Unrelated project=APOLLO', 'saved');
    await runFor(world, world.owner, 'issue Reporting misses VAT priority=high project=APOLLO', 'saved');
    const saved = await runFor(world, world.pm, 'escalate I-1', 'saved');
    expect(saved.view).toMatchObject({
      outcome: 'escalated',
      item: {
        kind: 'change', key: 'C-2', title: 'Reporting misses VAT', project: 'APOLLO', description: 'Raised from I-1.', decision: 'pending',
        status: 'open', escalatedFrom: 'I-1', ownerName: 'Jane', raisedByName: 'Sam',
      },
    });
    expect(itemHeadline(saved.view.item)).toBe('C-2 Reporting misses VAT');
    const issue = await runFor(world, world.other, 'show I-1', 'item');
    expect(issue.view).toMatchObject({ escalatedTo: 'C-2', status: 'open' });
    const line = (entry: HistoryEntryView) => changeText(entry, (text) => text ?? '');
    expect(issue.history.map(line)).toEqual(['created', 'escalated to C-2']);
    const change = await runFor(world, world.other, 'show C-2', 'item');
    expect(change.history.map(line)).toEqual(['created', 'raised from I-1']);

    const twice = await runFor(world, world.pm, 'escalate I-1', 'error');
    expect(twice.view.message).toBe('I-1 was already escalated to C-2.');
  });

  it('refuses a bystander', async () => {
    const world = await makeWorld();
    await runFor(world, world.owner, 'risk Supplier insolvency p=4 i=4 project=APOLLO', 'saved');
    const reply = await runFor(world, world.other, 'escalate R-1', 'error');
    expect(reply.view.message).toBe("Only the owner (Jane), the project's PM (Sam) or a PMO admin can escalate R-1.");
  });
});
