import { parseCommand, HELP_TOPICS, USAGE, type Command } from '../../../core/commands';
import { helpView, missingFields, parseErrorsReply, runCommand, withDefaults } from '../../../core/runner';
import { HELP } from '../../../core/runner/help';
import { useTestDatabase } from '../../support/db';
import { makeWorld, NOW, parse, runContext, runFor, ZONE } from './world';

useTestDatabase();

describe('help', () => {
  it('lists every command with its usage and an example', async () => {
    const world = await makeWorld();
    const reply = await runFor(world, world.other, 'help', 'help');
    expect(reply.view.title).toBe('PMO Assistant');
    expect(reply.view.commands.map((c) => c.usage)).toEqual(HELP_TOPICS.filter((t) => t !== 'help').map((t) => USAGE[t]));
    for (const command of reply.view.commands) expect(command.examples).toHaveLength(1);
  });

  it('explains one command with all its examples', async () => {
    const world = await makeWorld();
    const reply = await runFor(world, world.other, 'help risk', 'help');
    expect(reply.view.commands).toEqual([{ usage: USAGE.risk, description: HELP.risk.description, examples: HELP.risk.examples }]);
    expect(helpView('help')).toEqual(helpView());
  });

  it.each(HELP_TOPICS.flatMap((topic) => HELP[topic].examples.map((example) => [topic, example])))('%s example "%s" parses', (topic, example) => {
    const ctx = { now: NOW, timeZone: ZONE, platform: 'local' as const, userId: 'me' };
    const { command, errors } = parseCommand(example, ctx);
    expect(errors).toEqual([]);
    const name = command?.name ?? '';
    expect(name.replace(/_add$|_exec$/, '')).toBe(topic);
  });
});

describe('commands that do not run here', () => {
  // With the job runtime wired in, test/jobs/runtime/commands.test.ts covers them.
  it('says plainly that digest and reminders need the job runtime, which this context lacks', async () => {
    const world = await makeWorld();
    for (const text of ['digest', 'digest DIGITAL', 'reminders']) {
      const reply = await runFor(world, world.admin, text, 'error');
      expect(reply.view.message).toMatch(/this bot instance does not run the scheduled jobs, so nothing was sent\.$/);
    }
  });

  it('has nothing to cancel outside a dialog', async () => {
    const world = await makeWorld();
    expect(await runFor(world, world.other, 'cancel', 'text')).toEqual({ type: 'text', text: 'Nothing to cancel.' });
  });
});

describe('missingFields and withDefaults', () => {
  it('lists what a bare create-style command lacks, in asking order', async () => {
    const world = await makeWorld();
    const ctx = runContext(world, world.owner);
    expect(await missingFields(parse('risk', world.owner), ctx)).toEqual(['title', 'probability', 'impact', 'project']);
    expect(await missingFields(parse('issue', world.owner), ctx)).toEqual(['title', 'project']);
    expect(await missingFields(parse('change', world.owner), ctx)).toEqual(['title', 'project']);
    expect(await missingFields(parse('status', world.owner), ctx)).toEqual(['project', 'rag']);
    expect(await missingFields(parse('risk Vendor slip p=2 i=3 project=APOLLO', world.owner), ctx)).toEqual([]);
    expect(await missingFields(parse('status APOLLO', world.owner), ctx)).toEqual(['rag']);
  });

  it('leaves the project out of what is missing in a linked channel', async () => {
    const world = await makeWorld();
    await runFor(world, world.admin, 'link APOLLO', 'text', { channelId: 'apollo' });
    const ctx = runContext(world, world.owner, { channelId: 'apollo' });
    expect(await missingFields(parse('risk', world.owner), ctx)).toEqual(['title', 'probability', 'impact']);
    expect(await missingFields(parse('status', world.owner), ctx)).toEqual(['rag']);
  });

  it('fills the channel’s project and the actor as owner, keeping what was given', async () => {
    const world = await makeWorld();
    await runFor(world, world.admin, 'link APOLLO', 'text', { channelId: 'apollo' });
    const ctx = runContext(world, world.owner, { channelId: 'apollo' });
    expect(await withDefaults(parse('risk', world.owner), ctx)).toEqual({
      name: 'risk', project: 'APOLLO', owner: { platformUserId: 'u-owner', displayName: 'Jane' },
    });
    const given = parse('issue Outage project=ZEUS owner=@{29:nina|Nina Park}', world.owner);
    expect(await withDefaults(given, ctx)).toEqual(given);
    expect(await withDefaults(parse('status', world.pm), runContext(world, world.pm))).toEqual({ name: 'status' });
    expect(await withDefaults(parse('show R-1', world.pm), ctx)).toEqual({ name: 'show', key: 'R-1', kind: 'risk' });
  });
});

describe('errors', () => {
  it('turns parser errors into one reply naming the first field', () => {
    const { errors } = parseCommand('risk Vendor p=9 i=0', { now: NOW, timeZone: ZONE, platform: 'teams', userId: 'u' });
    const reply = parseErrorsReply(errors, 'risk');
    expect(reply).toMatchObject({ type: 'error', field: 'probability', view: { hint: 'Type help risk for examples.' } });
    expect(reply.type === 'error' && reply.view.message).toBe('p: probability must be a whole number from 1 to 5, got "9"');
    expect(reply.type === 'error' && reply.view.detail).toMatch(/^• i: impact must be a whole number from 1 to 5/);
  });

  it('rethrows what is not a refusal, for the adapter to log', async () => {
    const world = await makeWorld();
    const broken = { name: 'status', project: 'APOLLO', rag: 'green', summary: 42 } as unknown as Command;
    await expect(runCommand(broken, runContext(world, world.pm))).rejects.toThrow(TypeError);
  });

  it('answers a refusal for an unknown workspace rather than throwing', async () => {
    const world = await makeWorld();
    const ctx = { ...runContext(world, world.owner), workspaceId: '0123456789abcdef01234567' };
    const reply = await runCommand(parse('list risks', world.owner), ctx);
    expect(reply).toMatchObject({ type: 'error', view: { message: 'This workspace is not set up yet.' } });
  });
});
