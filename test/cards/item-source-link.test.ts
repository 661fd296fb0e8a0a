// `show KEY` and the saved card link back to the chat message an item was logged from, on both
// platforms, and only when the URL is safe to write into a link; both pass their platform's checks.
import { itemCard, savedCard, type AdaptiveCard } from '../../cards';
import { linkableUrl } from '../../cards/item-sections';
import { checkMessage, itemMessage, savedMessage, type SlackMessage } from '../../cards/blocks';
import { checkCard } from './card-checker';
import { issue, risk } from './fixtures';

const SLACK_URL = 'https://team-one.slack.com/archives/CAPOLLO/p1796983920000100';
const TEAMS_URL = 'https://teams.microsoft.com/l/message/19:abc@thread.tacv2/1700000000000?tenantId=t1&groupId=g1';

const teamsFacts = (card: AdaptiveCard): { title: string; value: string }[] =>
  (card.body.find((e) => e.type === 'FactSet') as unknown as { facts: { title: string; value: string }[] }).facts;
const slackText = (message: SlackMessage): string => JSON.stringify(message.blocks);

describe('the Source fact', () => {
  it('links to the message in Teams Markdown and Slack mrkdwn, and both cards stay valid', () => {
    const item = risk({ sourceUrl: TEAMS_URL });
    const card = itemCard(item);
    expect(teamsFacts(card)).toContainEqual({ title: 'Source', value: `[the message](${TEAMS_URL})` });
    expect(checkCard(card)).toEqual([]);

    const message = itemMessage(issue({ sourceUrl: SLACK_URL }));
    expect(slackText(message)).toContain(`*Source*\\n<${SLACK_URL}|the message>`);
    expect(checkMessage(message)).toEqual([]);
    // Slack's own escapes apply inside the link (an & in a query string).
    expect(slackText(itemMessage(risk({ sourceUrl: TEAMS_URL })))).toContain('?tenantId=t1&amp;groupId=g1|the message>');
  });

  it('is on the saved confirmation too, so the thread reply links back', () => {
    const item = issue({ sourceUrl: SLACK_URL });
    const view = { item, outcome: 'created' as const };
    expect(slackText(savedMessage(view))).toContain(`<${SLACK_URL}|the message>`);
    const card = savedCard(view);
    expect(JSON.stringify(card)).toContain(`[the message](${SLACK_URL})`);
    expect(checkCard(card)).toEqual([]);
  });

  it('is left out for an item typed as a command', () => {
    expect(teamsFacts(itemCard(risk())).map((f) => f.title)).not.toContain('Source');
    expect(slackText(itemMessage(risk()))).not.toContain('Source');
  });

  it.each([
    ['http, not https', 'http://example.com/m/1'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a space', 'https://example.com/a b'],
    ['angle brackets', 'https://example.com/<b>'],
    ['a closing parenthesis (breaks Markdown)', 'https://example.com/a)[x](https://evil.example'],
    ['a pipe (breaks Slack links)', 'https://example.com/a|click'],
    ['no host', 'https://'],
  ])('is not linked for a URL with %s', (_why, url) => {
    expect(linkableUrl(url)).toBeUndefined();
    expect(teamsFacts(itemCard(risk({ sourceUrl: url }))).map((f) => f.title)).not.toContain('Source');
    expect(slackText(itemMessage(risk({ sourceUrl: url })))).not.toContain('Source');
  });
});
