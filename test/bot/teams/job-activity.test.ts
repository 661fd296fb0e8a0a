// A job message posted to Teams: its summary line as text, its card attached.
import { renderJobMessageForTeams } from '../../../bot/teams/job-activity';
import { digestMessage, nudgeMessage, ownerReminder, pmReminder } from '../../cards/jobs/fixtures';

describe('renderJobMessageForTeams', () => {
  it('is a message with a plain-text line and the card as an Adaptive Card attachment', () => {
    const activity = renderJobMessageForTeams(digestMessage());
    expect(activity).toMatchObject({
      type: 'message',
      text: 'DIGITAL digest, Week 48: 1 red, 0 amber, 1 green, 1 without update; 3 overdue items',
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: expect.objectContaining({ type: 'AdaptiveCard', version: '1.5' }) }],
    });
    expect(renderJobMessageForTeams(pmReminder()).text).toBe('3 overdue items on APOLLO, HERMES');
    expect(renderJobMessageForTeams(ownerReminder()).text).toBe('1 overdue item of yours');
    expect(renderJobMessageForTeams(nudgeMessage()).text).toBe('Status update due for week 49: ZEUS');
  });
});
