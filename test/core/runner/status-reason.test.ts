// The runner's side of the SPEC §4 reason row: what an inline `status` lacks under each policy
// (missingFields, which the form asks), what it refuses, and the slip it shows.
import { missingFields } from '../../../core/runner';
import { updateSettings } from '../../../core/services';
import type { Policy } from '../../../core/domain';
import { useTestDatabase } from '../../support/db';
import { expectType, makeWorld, parse, run, runContext } from './world';

useTestDatabase();

async function worldUnder(policy: Policy) {
  const world = await makeWorld();
  await updateSettings(world.ws, world.admin, { policy });
  return world;
}

describe('status reason by policy (runner)', () => {
  it.each([
    ['supportive', 'status APOLLO amber', []],
    ['supportive', 'status APOLLO red', []],
    ['controlling', 'status APOLLO amber', ['reason']],
    ['controlling', 'status APOLLO red', ['reason']],
    ['controlling', 'status APOLLO red reason="Vendor late"', []],
    ['controlling', 'status APOLLO green', []],
    ['directive', 'status APOLLO amber', ['reason', 'recovery']],
    ['directive', 'status APOLLO red reason="Vendor late"', ['recovery']],
    ['directive', 'status APOLLO red reason="Vendor late" recovery=2026-12-11', []],
    ['directive', 'status APOLLO green', []],
  ] as const)('%s: `%s` lacks %j', async (policy, text, lacking) => {
    const world = await worldUnder(policy);
    expect(await missingFields(parse(text, world.pm), runContext(world, world.pm))).toEqual(lacking);
  });

  it.each([
    ['supportive', 'status APOLLO amber', null],
    ['controlling', 'status APOLLO amber', 'reason'],
    ['directive', 'status APOLLO red reason="Vendor late"', 'recovery'],
  ] as const)('%s: running `%s` is refused on %s (null: saved)', async (policy, text, field) => {
    const world = await worldUnder(policy);
    const reply = await run(world, world.pm, text);
    if (field === null) expectType(reply, 'status');
    else expect(expectType(reply, 'error')).toMatchObject({ field });
  });
});

describe('status with a forecast (runner)', () => {
  it('reads `status APOLLO amber reason=".." forecast=DATE` and shows the slip against the first forecast', async () => {
    const world = await worldUnder('controlling');
    const first = expectType(await run(world, world.pm, 'status APOLLO green forecast=2027-03-01'), 'status');
    expect(first.view).toMatchObject({ overall: 'green', forecastFinish: '2027-03-01', baselineFinish: '2027-03-01', slipDays: 0 });
    const later = expectType(await run(world, world.pm, 'status APOLLO amber reason="Vendor late" forecast=2027-03-22', { now: new Date('2026-12-03T10:00:00Z') }), 'status');
    expect(later.view).toMatchObject({ overall: 'amber', reason: 'Vendor late', forecastFinish: '2027-03-22', baselineFinish: '2027-03-01', slipDays: 21 });
  });
});

describe('show PROJECT (runner)', () => {
  it('shows the latest status with the forecast and slip as they stand now', async () => {
    const world = await worldUnder('supportive');
    await run(world, world.pm, 'status APOLLO green forecast=2027-03-01');
    await run(world, world.pm, 'status APOLLO amber reason="Vendor late" forecast=2027-03-15', { now: new Date('2026-12-03T10:00:00Z') });
    const shown = expectType(await run(world, world.other, 'show apollo'), 'status');
    expect(shown).toMatchObject({ shown: true, view: { project: 'APOLLO', period: '2026-W49', overall: 'amber', reason: 'Vendor late', baselineFinish: '2027-03-01', forecastFinish: '2027-03-15', slipDays: 14 } });
  });

  it('says when there is no status yet, and refuses an unknown project', async () => {
    const world = await worldUnder('supportive');
    expect(expectType(await run(world, world.other, 'show APOLLO'), 'text').text).toMatch(/^APOLLO — Apollo: no status update yet\. Type status APOLLO/);
    expect(expectType(await run(world, world.other, 'show NOPE'), 'error')).toMatchObject({ field: 'project' });
  });

  it('still reads item keys, and a mistyped one is not taken for a project', async () => {
    expect(parse('show R-1', { userId: 'u' })).toMatchObject({ name: 'show', key: 'R-1', kind: 'risk' });
    expect(parse('show APOLLO', { userId: 'u' })).toEqual({ name: 'show', project: 'APOLLO' });
    expect(parse('show r12', { userId: 'u' })).not.toHaveProperty('project');
  });
});
