import {
  checkMessage, checkModal, confirmationMessage, errorMessage, formMessage, formModal, helpMessage, itemMessage, listMessage,
  savedMessage, statusMessage, type SlackMessage, type SlackModalView,
} from '../../../cards/blocks';
import type { FormField, FormView } from '../../../core/view-models';
import {
  EMOJI_LONG, LONG, MARKDOWN_TITLE, STARS_LONG, UNICODE_TITLE, bareRisk, change, confirmation, help, history, hugeRisk, issue,
  list, risk, riskForm, status, decision, action, hugeDecision, manyRelated,
} from '../fixtures';
import { buttons } from './block-query';

/** 10,000 characters mixing what breaks Slack text: markup, entities, emoji and surrogate pairs. */
const NASTY = ('<script>&amp; <!channel> *b* _i_ `c` 🚀👩‍👩‍👧‍👦🇯🇵 Zürich\n').repeat(250).slice(0, 10_000);
const TEN_K = 'x'.repeat(10_000);
const TEXTS = [LONG, EMOJI_LONG, STARS_LONG, NASTY, TEN_K];

const twelve = <T>(make: (id: string, i: number) => T): T[] => Array.from({ length: 12 }, (_, i) => make(`field${i}`, i));

const hugeForm = (text: string): FormView => ({
  command: 'risk',
  title: text,
  intro: text,
  submitLabel: text,
  fields: [
    ...riskForm().fields.map((f): FormField => ({ ...f, label: text, placeholder: text, error: text, value: f.type === 'text' || f.type === 'multiline' ? text : f.value })),
    { id: 'many', label: text, type: 'choice', required: true, value: 'v150', choices: Array.from({ length: 300 }, (_, i) => ({ title: text, value: `v${i}` })) },
    { id: 'longValue', label: 'x', type: 'choice', required: false, choices: [{ title: 'ok', value: 'ok' }, { title: 'too long', value: 'v'.repeat(500) }] },
  ],
});

const MESSAGES: [string, () => SlackMessage][] = [
  ['item: risk with history', () => itemMessage(risk({ overdue: true, escalatedTo: 'I-9' }), history(3))],
  ['item: issue', () => itemMessage(issue({ escalatedFrom: 'R-2', resolution: 'Rebooted', due: '2026-01-01', overdue: true }))],
  ['item: change', () => itemMessage(change())],
  ['item: bare', () => itemMessage(bareRisk())],
  ['item: decision', () => itemMessage(decision({ actions: ['update', 'close'] }), history(3))],
  ['item: action, overdue', () => itemMessage(action({ actions: ['update', 'close'] }))],
  ['item: change raised from an issue', () => itemMessage(change({ escalatedFrom: 'I-3', actions: ['update', 'close'] }))],
  ['item: issue escalated both ways', () => itemMessage(issue({ escalatedFrom: 'R-2', escalatedTo: 'C-9', actions: ['update', 'close', 'escalate'] }))],
  ['list: decisions and actions', () => listMessage({ kind: 'decision', filters: '', items: [decision(), action()], total: 2 })],
  ['saved: action', () => savedMessage({ outcome: 'created', item: action(), note: 'Already overdue: it was due Fri 27 Nov.' })],
  ['item: markdown and unicode', () => itemMessage(risk({ title: MARKDOWN_TITLE, ownerName: UNICODE_TITLE }))],
  ['list: 200 items', () => listMessage(list(200))],
  ['list: 200 items, page 2', () => listMessage(list(200), { page: 2 })],
  ['list: 200 items, last page', () => listMessage(list(200), { page: 10 })],
  ['list: 200 items, page 999, page size 500', () => listMessage(list(200), { page: 999, pageSize: 500 })],
  ['list: 25 of 1,000', () => listMessage(list(25, 1000), { page: 2 })],
  ['list: empty', () => listMessage(list(0))],
  ['list: mixed kinds', () => listMessage({ kind: 'issue', filters: '', items: [issue(), change(), bareRisk()], total: 3 })],
  ['saved: risk', () => savedMessage({ outcome: 'created', item: risk() })],
  ['saved: escalated issue', () => savedMessage({ outcome: 'escalated', item: issue({ escalatedFrom: 'R-2' }) })],
  ['status', () => statusMessage(status())],
  ['status: bare, replaced', () => statusMessage(status({ projectName: undefined, done: undefined, next: '', blockers: undefined }), { replaced: true })],
  ['help', () => helpMessage(help())],
  ['help: bare', () => helpMessage({ title: 'Help', commands: [] })],
  ['help: 80 commands', () => helpMessage({ ...help(), commands: Array.from({ length: 80 }, (_, i) => ({ usage: `cmd${i}`, description: 'd', examples: ['a', 'b', 'c', 'd'] })) })],
  ['error', () => errorMessage({ message: 'I could not read that date.', detail: 'Try 2026-12-04 or next friday.', hint: 'Type help risk for examples.' })],
  ['error: empty', () => errorMessage({ message: '' })],
  ['confirmation', () => confirmationMessage(confirmation())],
  ['confirmation: 60 fields', () => confirmationMessage(confirmation({ fields: Array.from({ length: 60 }, (_, i) => ({ id: `f${i}`, label: `F${i}`, value: `${i}` })) }))],
  ['form message: risk with an error', () => formMessage(riskForm(), 'What is the impact, from 1 to 5?')],
  ['form message: no fields', () => formMessage({ command: 'status', title: 'Status update', fields: [] }, '')],
  ['form message: 24 fields, each asked again', () => formMessage({ command: 'risk', title: 'Big', fields: [
    ...twelve((id): FormField => ({ id, label: id, type: 'text', required: true, error: 'bad' })),
    ...twelve((id): FormField => ({ id: `${id}b`, label: id, type: 'number', required: false, min: 1, max: 5, error: 'bad' })),
  ] }, 'Fill in')],
];

for (const text of TEXTS) {
  const name = `${text.slice(0, 12)}… (${text.length})`;
  MESSAGES.push(
    [`item: every text ${name}, 30 history entries`, () => itemMessage(hugeRisk(text), history(30, text))],
    [`item: decision, every text ${name}, 300 items`, () => itemMessage(hugeDecision(text), history(30, text))],
    [`item: risk with 100 related items of ${name}`, () => itemMessage(risk({ related: manyRelated(text) }))],
    [`list: 200 rows of ${name}`, () => listMessage({ ...list(0), filters: text, items: list(200).items.map((item) => ({ ...item, title: text, ownerName: text, project: text, due: text })), total: 1000 }, { page: 3 })],
    [`saved: ${name}`, () => savedMessage({ outcome: 'closed', item: issue({ title: text, description: text, resolution: text, escalatedFrom: text.slice(0, 40) }) })],
    [`status: ${name}`, () => statusMessage(status({ project: text, projectName: text, period: text, summary: text, done: text, next: text, blockers: text, authorName: text }))],
    [`help: ${name}`, () => helpMessage({ title: text, intro: text, footer: text, commands: twelve(() => ({ usage: text, description: text, examples: [text, text, text] })) })],
    [`error: ${name}`, () => errorMessage({ message: text, detail: text, hint: text })],
    [`confirmation: ${name}`, () => confirmationMessage(confirmation({ title: text, note: text, fields: twelve((id) => ({ id, label: text, value: text })) }))],
    [`form message: ${name}`, () => formMessage(hugeForm(text), text)],
  );
}

describe.each(MESSAGES)('%s', (_name, build) => {
  const message = build();

  it('keeps every Block Kit limit', () => {
    expect(checkMessage(message)).toEqual([]);
  });

  it('is plain JSON and has a notification line', () => {
    expect(JSON.parse(JSON.stringify(message))).toEqual(message);
    expect(message.text.length).toBeGreaterThan(0);
  });

  it('gives every button a unique `${verb}:${n}` action id', () => {
    const ids = buttons(message.blocks).map((b) => b.action_id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const b of buttons(message.blocks)) expect(b.action_id).toMatch(new RegExp(`^${JSON.parse(String(b.value)).verb.replace(/\./g, '\\.')}:\\d+$`));
  });
});

const MODALS: [string, () => SlackModalView][] = [
  ['risk form with an error', () => formModal(riskForm(), '{"conversation":"C1"}')],
  ['no fields', () => formModal({ command: 'status', title: 'Status update', fields: [] }, '')],
  ['60 fields', () => formModal({ command: 'risk', title: 'Big', fields: Array.from({ length: 60 }, (_, i) => ({ id: `f${i}`, label: `F${i}`, type: 'text' as const, required: true, error: 'bad' })) }, 'm')],
  ...TEXTS.map((text): [string, () => SlackModalView] => [`${text.slice(0, 12)}… (${text.length})`, () => formModal(hugeForm(text), 'meta')]),
];

describe.each(MODALS)('modal: %s', (_name, build) => {
  const modal = build();

  it('keeps every Block Kit limit, title and buttons included', () => {
    expect(checkModal(modal)).toEqual([]);
  });

  it('is plain JSON', () => {
    expect(JSON.parse(JSON.stringify(modal))).toEqual(modal);
  });
});
