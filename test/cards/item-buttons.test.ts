// The buttons on an item's card (Update, Close, Escalate): only those on the view, Teams and Slack alike, within each platform's rules.
import { CARD_VERBS, isCardActionData, itemCard, savedCard, type AdaptiveCard } from '../../cards';
import { actionData, checkMessage, itemMessage, savedMessage, type SlackMessage } from '../../cards/blocks';
import type { ItemView } from '../../core/view-models';
import { buttons } from './blocks/block-query';
import { cardBytes, checkCard, MAX_CARD_BYTES } from './card-checker';
import { change, EMOJI_LONG, history, hugeRisk, issue, risk } from './fixtures';

const teamsButtons = (card: AdaptiveCard) => (card.actions ?? []).map((a) => ({ title: a.title, data: a.data }));
const slackButtons = (message: SlackMessage) =>
  buttons(message.blocks).map((b) => ({ title: (b.text as { text: string }).text, data: actionData({ action_id: String(b.action_id), value: String(b.value) }) }));

const CASES: { name: string; item: ItemView; want: { title: string; data: object }[] }[] = [
  {
    name: 'an open risk, viewer may change it: Update, Close, Escalate',
    item: risk({ actions: ['update', 'close', 'escalate'] }),
    want: [
      { title: 'Update', data: { verb: CARD_VERBS.itemUpdate, key: 'R-7' } },
      { title: 'Close', data: { verb: CARD_VERBS.itemClose, key: 'R-7' } },
      { title: 'Escalate', data: { verb: CARD_VERBS.itemEscalate, key: 'R-7' } },
    ],
  },
  {
    name: 'an escalated risk: Update, then the link to its issue',
    item: risk({ status: 'closed', escalatedTo: 'I-9', actions: ['update'] }),
    want: [
      { title: 'Update', data: { verb: CARD_VERBS.itemUpdate, key: 'R-7' } },
      { title: 'Open I-9', data: { verb: CARD_VERBS.showItem, key: 'I-9' } },
    ],
  },
  {
    name: 'an issue: Update and Close, in that order whatever the view lists',
    item: issue({ actions: ['close', 'update'] }),
    want: [
      { title: 'Update', data: { verb: CARD_VERBS.itemUpdate, key: 'I-3' } },
      { title: 'Close', data: { verb: CARD_VERBS.itemClose, key: 'I-3' } },
    ],
  },
  { name: 'a change request seen by someone who may not change it: no buttons', item: change({ actions: [] }), want: [] },
  { name: 'a view without actions (a job card, an old reply): no buttons', item: risk(), want: [] },
];

describe.each(CASES)('$name', ({ item, want }) => {
  it('Teams: the item card and the saved card carry exactly those buttons, and are valid cards', () => {
    for (const card of [itemCard(item, history(3)), savedCard({ outcome: 'updated', item })]) {
      expect(teamsButtons(card)).toEqual(want);
      expect(checkCard(card)).toEqual([]);
    }
  });

  it('Slack: the same buttons, mapping back to the same card data, within Block Kit limits', () => {
    for (const message of [itemMessage(item, history(3)), savedMessage({ outcome: 'updated', item })]) {
      expect(slackButtons(message)).toEqual(want);
      expect(checkMessage(message)).toEqual([]);
      if (want.length > 0) expect(message.blocks[message.blocks.length - 1].type).toBe('actions');
    }
  });
});

describe('limits with every button', () => {
  it('a huge item with a long history keeps its buttons and stays under the Teams size limit', () => {
    const card = itemCard({ ...hugeRisk(EMOJI_LONG), actions: ['update', 'close', 'escalate'] }, history(30, EMOJI_LONG.slice(0, 300)));
    expect(teamsButtons(card).map((b) => b.title)).toEqual(['Update', 'Close', 'Escalate']);
    expect(cardBytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
    expect(checkCard(card)).toEqual([]);
  });
});

describe('the button data', () => {
  it.each([CARD_VERBS.itemUpdate, CARD_VERBS.itemClose, CARD_VERBS.itemEscalate])('%s needs its own key', (verb) => {
    expect(isCardActionData({ verb, key: 'R-1' })).toBe(true);
    expect(isCardActionData({ verb })).toBe(false);
    expect(isCardActionData({ verb, key: '' })).toBe(false);
    expect(isCardActionData({ verb, key: { $ne: null } })).toBe(false);
    expect(isCardActionData(Object.assign(Object.create({ key: 'R-1' }) as object, { verb }))).toBe(false);
  });
});
