import {
  CARD_SCHEMA, CARD_VERBS, confirmationCard, errorCard, formCard, helpCard, itemCard, listCard, savedCard,
  statusCard, type AdaptiveCard,
} from '../../cards';
import { cardBytes, checkCard, MAX_CARD_BYTES, verbsOf } from './card-checker';
import {
  EMOJI_LONG, LONG, hugeRisk, MARKDOWN_TITLE, STARS_LONG, UNICODE_TITLE, bareRisk, change, confirmation, help, history, issue,
  list, risk, riskForm, status, decision, action, hugeDecision, manyRelated,
} from './fixtures';

const hugeHistory = (text: string) => history(30, text.slice(0, 5000));

/** Twelve fields: more than any command asks for. */
const twelve = <T>(make: (id: string) => T): T[] => Array.from({ length: 12 }, (_, i) => make(`field${i}`));

const CASES: [string, () => AdaptiveCard][] = [
  ['item: risk with history', () => itemCard(risk({ overdue: true, escalatedTo: 'I-9' }), history(3))],
  ['item: issue', () => itemCard(issue({ escalatedFrom: 'R-2', resolution: 'Rebooted', due: '2026-01-01', overdue: true }))],
  ['item: change', () => itemCard(change())],
  ['item: decision', () => itemCard(decision({ actions: ['update', 'close'] }), history(3))],
  ['item: action, overdue', () => itemCard(action({ actions: ['update', 'close'] }))],
  ['item: change raised from an issue', () => itemCard(change({ escalatedFrom: 'I-3', actions: ['update', 'close'] }))],
  ['item: issue escalated both ways', () => itemCard(issue({ escalatedFrom: 'R-2', escalatedTo: 'C-9', actions: ['update', 'close'] }))],
  ['item: risk with 50 actions and 50 decisions of 5,000 emoji', () => itemCard(risk({ related: manyRelated(EMOJI_LONG) }), hugeHistory(EMOJI_LONG))],
  ['item: decision, every text 5,000 emoji, 300 items', () => itemCard(hugeDecision(EMOJI_LONG), hugeHistory(EMOJI_LONG))],
  ['item: decision, every text 5,000 Markdown characters', () => itemCard(hugeDecision(STARS_LONG), hugeHistory(STARS_LONG))],
  ['saved: action', () => savedCard({ outcome: 'created', item: action(), note: 'Already overdue: it was due Fri 27 Nov.' })],
  ['list: decisions and actions', () => listCard({ kind: 'decision', filters: '', items: [decision(), action(), decision({ title: EMOJI_LONG })], total: 3 })],
  ['item: every optional field empty', () => itemCard(bareRisk(), [])],
  ['item: 5,000-character texts and 30 long history entries', () => itemCard(hugeRisk(LONG), hugeHistory(LONG))],
  ['item: 5,000 emoji everywhere', () => itemCard(hugeRisk(EMOJI_LONG), hugeHistory(EMOJI_LONG))],
  ['item: 5,000 Markdown characters everywhere', () => itemCard(hugeRisk(STARS_LONG), hugeHistory(STARS_LONG))],
  ['item: markdown-ish and unicode titles', () => itemCard(risk({ title: MARKDOWN_TITLE, ownerName: UNICODE_TITLE }))],
  ['list: 200 items', () => listCard(list(200))],
  ['list: empty', () => listCard(list(0))],
  ['list: 200 emoji-titled items of 1,000 matches', () => listCard({ ...list(0), items: list(200).items.map((item) => ({ ...item, title: EMOJI_LONG, ownerName: EMOJI_LONG, project: EMOJI_LONG })), total: 1000 })],
  ['list: issues and changes mixed kinds', () => listCard({ kind: 'issue', filters: '', items: [issue(), change(), bareRisk()], total: 3 })],
  ['form: risk with an error', () => formCard(riskForm())],
  ['form: 5,000-character values and labels', () => formCard(riskForm({ title: LONG, intro: LONG, fields: riskForm().fields.map((f) => ({ ...f, label: LONG, placeholder: LONG, error: LONG, value: f.type === 'text' || f.type === 'multiline' ? LONG : f.value })) }))],
  ['form: 12 fields of 5,000 emoji', () => formCard({ command: 'risk', title: EMOJI_LONG, intro: EMOJI_LONG, fields: twelve((id) => ({ id, label: EMOJI_LONG, type: 'multiline', required: true, value: EMOJI_LONG, error: EMOJI_LONG, placeholder: EMOJI_LONG })) })],
  ['form: no fields', () => formCard({ command: 'status', title: 'Status update', fields: [] })],
  ['confirmation', () => confirmationCard(confirmation())],
  ['confirmation: 12 fields of 5,000 emoji', () => confirmationCard(confirmation({ title: EMOJI_LONG, note: EMOJI_LONG, fields: twelve((id) => ({ id, label: EMOJI_LONG, value: EMOJI_LONG })) }))],
  ['saved: risk', () => savedCard({ outcome: 'created', item: risk() })],
  ['saved: huge issue', () => savedCard({ outcome: 'closed', item: issue({ title: EMOJI_LONG, description: EMOJI_LONG, resolution: EMOJI_LONG }) })],
  ['status', () => statusCard(status())],
  ['status: bare', () => statusCard(status({ projectName: undefined, done: undefined, next: '', blockers: undefined }))],
  ['status: 5,000 emoji per text', () => statusCard(status({ projectName: EMOJI_LONG, summary: EMOJI_LONG, done: EMOJI_LONG, next: EMOJI_LONG, blockers: EMOJI_LONG, authorName: EMOJI_LONG }))],
  ['help', () => helpCard(help())],
  ['help: bare', () => helpCard({ title: 'Help', commands: [] })],
  ['error', () => errorCard({ message: 'I could not read that date.', detail: 'Try 2026-12-04 or next friday.', hint: 'Type help risk for examples.' })],
  ['error: bare and long', () => errorCard({ message: LONG, detail: EMOJI_LONG })],
];

describe.each(CASES)('%s', (_name, build) => {
  const card = build();

  it('parses and validates cleanly with the Adaptive Cards SDK', () => {
    expect(checkCard(card)).toEqual([]);
  });

  it('is version 1.5 with $schema, under the Teams size limit', () => {
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5', $schema: CARD_SCHEMA });
    expect(cardBytes(card)).toBeLessThanOrEqual(MAX_CARD_BYTES);
  });

  it('only carries verbs from CARD_VERBS', () => {
    for (const verb of verbsOf(card)) expect(Object.values(CARD_VERBS)).toContain(verb);
  });
});

it('keeps the worst-case cards well below the limit (largest size recorded here)', () => {
  const largest = Math.max(...CASES.map(([, build]) => cardBytes(build())));
  expect(largest).toBeLessThan(MAX_CARD_BYTES * 0.9);
});
