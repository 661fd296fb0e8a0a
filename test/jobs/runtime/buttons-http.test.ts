// The reminder and nudge buttons as Teams posts them: Action.Submit activities to /api/messages.
import { createIssue, createRisk, getItem } from '../../../core/services';
import { useTestDatabase } from '../../support/db';
import { ConnectorStub } from '../../support/connector-stub';
import { resetJobs } from './support';
import { startTeamsChat, type Person, type TeamsChat } from './teams-chat';

useTestDatabase();

const ADA: Person = { id: '29:ada', name: 'Ada Admin' };
const JANE: Person = { id: '29:jane', name: 'Jane Owner' };
const BOB: Person = { id: '29:bob', name: 'Bob Member' };
/** Tuesday 1 Dec 2026, 10:00 in London. */
const NOW = new Date('2026-12-01T10:00:00Z');

const connector = new ConnectorStub();
let chat: TeamsChat;

beforeAll(async () => {
  const serviceUrl = await connector.start();
  await resetJobs();
  chat = await startTeamsChat(connector, serviceUrl, 'tenant-buttons', () => NOW);
  await chat.say('project add APOLLO "Apollo launch"', ADA);
  await chat.say('help', JANE);
  const { _id: ws } = await chat.workspace();
  const lastMonth = new Date('2026-11-02T10:00:00Z');
  await createRisk(ws, { userId: ADA.id }, { title: 'Vendor API may slip', projectKey: 'APOLLO', probability: 4, impact: 5, due: '2026-11-20', ownerId: JANE.id }, lastMonth);
  await createIssue(ws, { userId: ADA.id }, { title: 'Build server down', projectKey: 'APOLLO', due: '2026-11-25', ownerId: JANE.id }, lastMonth);
});

afterAll(async () => {
  await chat.close();
  await connector.stop();
});

const item = async (key: string) => getItem((await chat.workspace())._id, key);
const lastChange = async (key: string) => (await item(key)).history.at(-1);

describe('job card buttons over Teams HTTP', () => {
  it('Mark done closes the item and records who did it', async () => {
    const [reply] = await chat.say('', JANE, { value: { verb: 'pmo.item.done', key: 'I-1' } });
    expect(reply.text).toBe('Closed I-1 Build server down');
    expect((await item('I-1')).item.status).toBe('closed');
    expect(await lastChange('I-1')).toMatchObject({ action: 'closed', byId: JANE.id, to: 'closed' });
  });

  it('Snooze a week moves the due date a week from today, in the history', async () => {
    const [reply] = await chat.say('', JANE, { value: { verb: 'pmo.item.snooze', key: 'R-1', days: 7 } });
    expect(reply.text).toBe('Updated R-1 Vendor API may slip');
    expect((await item('R-1')).item.due).toBe('2026-12-08');
    expect(await lastChange('R-1')).toMatchObject({ field: 'due', from: '2026-11-20', to: '2026-12-08', byId: JANE.id });
  });

  it('Set due date reads the date input and refuses a bad one with a clear message', async () => {
    const [bad] = await chat.say('', JANE, { value: { verb: 'pmo.item.due', key: 'R-1', 'due_R-1': '31/31/2026' } });
    expect(`${bad.text}`).toMatch(/^R-1: .*31\/31\/2026.*Nothing was changed\.$/);
    expect((await item('R-1')).item.due).toBe('2026-12-08');
    const [good] = await chat.say('', JANE, { value: { verb: 'pmo.item.due', key: 'R-1', 'due_R-1': '2026-12-18' } });
    expect(good.text).toBe('Updated R-1 Vendor API may slip');
    expect(await lastChange('R-1')).toMatchObject({ field: 'due', from: '2026-12-08', to: '2026-12-18' });
  });

  it('refuses someone who is neither owner, PM nor admin', async () => {
    const [refused] = await chat.say('', BOB, { value: { verb: 'pmo.item.done', key: 'R-1' } });
    expect(refused.text).toMatch(/^Only the owner \(Jane Owner\).* can close R-1\./);
    expect((await item('R-1')).item.status).toBe('open');
  });

  it('Post status update starts the status dialog for the project', async () => {
    const [asked] = await chat.say('', ADA, { value: { verb: 'pmo.start', command: 'status', project: 'APOLLO' } });
    expect(asked.text).toMatch(/How is the project overall\?/);
    expect(JSON.stringify(asked.attachments?.[0]?.content)).toContain('APOLLO');
    const [next] = await chat.say('cancel', ADA);
    expect(next.text).toMatch(/Cancelled/);
  });
});
