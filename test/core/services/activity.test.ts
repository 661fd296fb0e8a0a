import { closeItem, createChange, createIssue, createRisk, escalateRisk, registerActivity } from '../../../core/services';
import { useTestDatabase } from '../../support/db';
import { makeWorld } from './fixtures';

useTestDatabase();

describe('registerActivity', () => {
  it('counts items opened and closed in a window, by kind, in this workspace only', async () => {
    const w = await makeWorld();
    const other = await makeWorld();
    const lastWeek = new Date('2026-11-18T10:00:00Z');
    const thisWeek = new Date('2026-11-24T10:00:00Z');
    await createRisk(w.ws, w.owner, { title: 'old', projectKey: 'APOLLO', probability: 1, impact: 1 }, lastWeek);
    await createRisk(w.ws, w.owner, { title: 'new', projectKey: 'APOLLO', probability: 3, impact: 3 }, thisWeek);
    await createIssue(w.ws, w.owner, { title: 'new issue', projectKey: 'APOLLO' }, thisWeek);
    await createChange(w.ws, w.owner, { title: 'new change', projectKey: 'APOLLO' }, thisWeek);
    await closeItem(w.ws, w.owner, 'R-1', 'gone', thisWeek);
    await escalateRisk(w.ws, w.owner, 'R-2', thisWeek); // opens I-2, closes R-2
    await createRisk(other.ws, other.owner, { title: 'elsewhere', projectKey: 'APOLLO', probability: 1, impact: 1 }, thisWeek);

    const activity = await registerActivity(w.ws, new Date('2026-11-23T00:00:00Z'), new Date('2026-11-30T00:00:00Z'));
    expect(activity).toEqual({ opened: { risk: 1, issue: 2, change: 1, decision: 0, action: 0 }, closed: { risk: 2, issue: 0, change: 0, decision: 0, action: 0 } });
  });
});
