// With MicrosoftAppId, /api/messages is Teams' door only: a validly signed activity of another channel is refused.
import { PersonModel, WorkspaceModel } from '../../../models';
import { ConnectorStub } from '../../support/connector-stub';
import { useTestDatabase } from '../../support/db';
import { documentCounts, postActivity, startSecuredTeamsBot, teamsMessage, type SecuredTeamsBot } from '../../support/teams-auth-harness';

useTestDatabase();

const connector = new ConnectorStub();
let serviceUrl: string;
let bot: SecuredTeamsBot;

beforeAll(async () => {
  serviceUrl = await connector.start();
});
afterAll(async () => {
  await connector.stop();
});

describe('the Teams door with MicrosoftAppId', () => {
  beforeAll(async () => {
    // The signing key vouches for the other channels too, so their tokens are valid: only the door can refuse them.
    bot = await startSecuredTeamsBot({}, ['msteams', 'webchat', 'directline', 'emulator']);
  });
  afterAll(async () => {
    await bot.stop();
  });

  it.each(['webchat', 'directline', 'emulator'])('refuses a validly signed %s activity: no local workspace, no admin, no reply', async (channelId) => {
    const before = await documentCounts();
    const sent = connector.sent.length;
    const message = teamsMessage('role @me pmo_admin', serviceUrl, 'tenant-chan', { channelId });
    const res = await postActivity(bot.url, message, `Bearer ${bot.auth.channelToken(serviceUrl)}`);
    expect(res.status).toBe(403);
    expect(JSON.parse(res.text)).toEqual({ error: 'forbidden' });
    expect(connector.sent.length).toBe(sent);
    expect(await documentCounts()).toEqual(before);
    expect(await WorkspaceModel.countDocuments({ platform: 'local' })).toBe(0);
    expect(await PersonModel.countDocuments({})).toBe(0);
  });

  it('still takes the same token on a Teams activity', async () => {
    const message = teamsMessage('help', serviceUrl, 'tenant-chan');
    const res = await postActivity(bot.url, message, `Bearer ${bot.auth.channelToken(serviceUrl)}`);
    expect(res.status).toBe(200);
    expect(await WorkspaceModel.countDocuments({ platform: 'teams', externalId: 'tenant-chan' })).toBe(1);
  });
});

describe('a Teams activity signed by a key not endorsed for Teams', () => {
  beforeAll(async () => {
    bot = await startSecuredTeamsBot({}, ['webchat']);
  });
  afterAll(async () => {
    await bot.stop();
  });

  it('gets a bare 401, the reason logged, nothing stored', async () => {
    const before = await documentCounts();
    const message = teamsMessage('risk Forged p=5 i=5', serviceUrl, 'tenant-endorse');
    const res = await postActivity(bot.url, message, `Bearer ${bot.auth.channelToken(serviceUrl)}`);
    expect(res.status).toBe(401);
    expect(JSON.parse(res.text)).toEqual({ error: 'unauthorized' });
    expect(await documentCounts()).toEqual(before);
    expect(bot.logs.map((l) => JSON.parse(l) as { reason?: string })).toContainEqual(expect.objectContaining({ reason: 'channel_not_endorsed' }));
  });
});
