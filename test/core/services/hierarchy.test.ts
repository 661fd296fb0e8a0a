import {
  addPortfolio,
  addProgram,
  addProject,
  getProject,
  linkChannel,
  linkExecChannel,
  listPortfolios,
  listPrograms,
  listProjects,
  portfoliosForExecChannel,
  projectForChannel,
  updateProject,
} from '../../../core/services';
import { useTestDatabase } from '../../support/db';
import { makeWorld, rejectionOf } from './fixtures';

useTestDatabase();

describe('portfolio > program > project', () => {
  it('adds each level by key, inheriting the portfolio from the program', async () => {
    const { ws, admin } = await makeWorld();
    await addPortfolio(ws, admin, { key: 'digital', name: 'Digital' });
    await addProgram(ws, admin, { key: 'CX', name: 'Customer experience', portfolioKey: 'DIGITAL' });
    const project = await addProject(ws, admin, { key: 'Hermes', name: ' Hermes ', programKey: 'cx', pmId: 'u-pm' });
    expect(project).toMatchObject({ key: 'HERMES', name: 'Hermes', programKey: 'CX', portfolioKey: 'DIGITAL', pmId: 'u-pm', active: true, channels: [] });
    expect((await listPortfolios(ws)).map((p) => p.key)).toEqual(['DIGITAL']);
    expect((await listPrograms(ws, { portfolioKey: 'digital' })).map((p) => p.key)).toEqual(['CX']);
    expect((await listProjects(ws, { portfolioKey: 'DIGITAL' })).map((p) => p.key)).toEqual(['HERMES']);
    expect((await listProjects(ws)).map((p) => p.key)).toEqual(['APOLLO', 'HERMES']);
  });

  it('refuses a duplicate key with a clear conflict, and bad or unknown keys', async () => {
    const { ws, admin } = await makeWorld();
    expect(await rejectionOf(addProject(ws, admin, { key: 'apollo', name: 'Again' }))).toMatchObject({
      code: 'conflict',
      message: 'There is already a project APOLLO.',
    });
    expect(await rejectionOf(addProject(ws, admin, { key: 'R-7', name: 'Looks like a risk' }))).toMatchObject({ code: 'invalid', field: 'key' });
    expect(await rejectionOf(addProject(ws, admin, { key: 'A', name: 'Too short' }))).toMatchObject({ code: 'invalid', field: 'key' });
    expect(await rejectionOf(addProject(ws, admin, { key: 'ZEUS', name: '' }))).toMatchObject({ code: 'invalid', field: 'name' });
    expect(await rejectionOf(addProject(ws, admin, { key: 'ZEUS', name: 'Zeus', programKey: 'NOPE' }))).toMatchObject({ code: 'not_found', field: 'program' });
    expect(await rejectionOf(addProgram(ws, admin, { key: 'CX', name: 'CX', portfolioKey: 'NOPE' }))).toMatchObject({ code: 'not_found', field: 'portfolio' });
    await addPortfolio(ws, admin, { key: 'OPS', name: 'Ops' });
    await addPortfolio(ws, admin, { key: 'DIGITAL', name: 'Digital' });
    await addProgram(ws, admin, { key: 'CX', name: 'CX', portfolioKey: 'DIGITAL' });
    expect(await rejectionOf(addProject(ws, admin, { key: 'ZEUS', name: 'Zeus', programKey: 'CX', portfolioKey: 'OPS' }))).toMatchObject({
      code: 'invalid',
      message: 'Program CX belongs to portfolio DIGITAL, not OPS.',
    });
  });

  it('allows the same key in two workspaces', async () => {
    const a = await makeWorld();
    const b = await makeWorld();
    await addPortfolio(a.ws, a.admin, { key: 'SHARED', name: 'A' });
    await addPortfolio(b.ws, b.admin, { key: 'SHARED', name: 'B' });
    expect((await listPortfolios(b.ws)).map((p) => p.name)).toEqual(['B']);
  });

  it('updates and closes projects; closed ones drop out of lists and channel defaults', async () => {
    const { ws, admin } = await makeWorld();
    await linkChannel(ws, admin, 'APOLLO', { platform: 'teams', channelId: '19:apollo' });
    await updateProject(ws, admin, 'APOLLO', { name: 'Apollo 2', pmId: 'u-new' });
    expect(await getProject(ws, 'apollo')).toMatchObject({ name: 'Apollo 2', pmId: 'u-new' });
    await updateProject(ws, admin, 'APOLLO', { active: false });
    expect(await listProjects(ws)).toEqual([]);
    expect((await listProjects(ws, { includeClosed: true })).map((p) => p.key)).toEqual(['APOLLO']);
    expect(await projectForChannel(ws, '19:apollo')).toBeNull();
  });
});

describe('channel links', () => {
  it('binds a channel to one project at a time, for the project= default', async () => {
    const { ws, admin } = await makeWorld();
    await addProject(ws, admin, { key: 'ZEUS', name: 'Zeus' });
    const channel = { platform: 'teams' as const, channelId: '19:general@thread.tacv2' };
    const first = await linkChannel(ws, admin, 'apollo', channel);
    expect(first.project.channels).toEqual([channel]);
    expect((await projectForChannel(ws, channel.channelId))?.key).toBe('APOLLO');
    await linkChannel(ws, admin, 'APOLLO', channel); // idempotent
    expect((await getProject(ws, 'APOLLO'))?.channels).toHaveLength(1);
    const moved = await linkChannel(ws, admin, 'ZEUS', channel);
    expect(moved.movedFrom).toEqual(['APOLLO']);
    expect((await projectForChannel(ws, channel.channelId))?.key).toBe('ZEUS');
    expect((await getProject(ws, 'APOLLO'))?.channels).toEqual([]);
    expect(await projectForChannel(ws, 'C-unlinked')).toBeNull();
  });

  it('never finds another workspace’s channel link', async () => {
    const a = await makeWorld();
    const b = await makeWorld();
    await linkChannel(a.ws, a.admin, 'APOLLO', { platform: 'slack', channelId: 'C123' });
    expect(await projectForChannel(b.ws, 'C123')).toBeNull();
  });

  it('makes a channel an exec channel of a portfolio, once', async () => {
    const { ws, admin, pm } = await makeWorld();
    await addPortfolio(ws, admin, { key: 'DIGITAL', name: 'Digital' });
    await linkExecChannel(ws, admin, 'digital', { platform: 'slack', channelId: 'C-exec' });
    const again = await linkExecChannel(ws, admin, 'DIGITAL', { platform: 'slack', channelId: 'C-exec' });
    expect(again.execChannels).toEqual([{ platform: 'slack', channelId: 'C-exec', conversationRefId: null }]);
    expect((await portfoliosForExecChannel(ws, 'C-exec')).map((p) => p.key)).toEqual(['DIGITAL']);
    expect(await rejectionOf(linkExecChannel(ws, admin, 'NOPE', { platform: 'slack', channelId: 'C-exec' }))).toMatchObject({ code: 'not_found' });
    expect(await rejectionOf(linkExecChannel(ws, pm, 'DIGITAL', { platform: 'slack', channelId: 'C-x' }))).toMatchObject({ code: 'forbidden' });
  });
});
