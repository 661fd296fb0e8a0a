import {
  CARD_VERBS, confirmationCard, errorCard, formCard, helpCard, itemCard, listCard, savedCard, statusCard,
} from '../../cards';
import type { HistoryEntryView } from '../../core/view-models';
import { allText, facts, nodes, ofType, textBlocks, type Node } from './card-query';
import {
  EMOJI_LONG, LONG, hugeRisk, MARKDOWN_TITLE, UNICODE_TITLE, bareRisk, change, confirmation, help, history, issue, list, risk,
  riskForm, status, decision, action, hugeDecision,
} from './fixtures';
import { cardBytes } from './card-checker';
import { CARD_BYTE_BUDGET } from '../../cards/text';


describe('itemCard', () => {
  it('heads with key and title, colours the rating and marks overdue items', () => {
    const card = itemCard(risk({ overdue: true }));
    expect(textBlocks(card)[0]).toMatchObject({ text: 'R-7 Vendor API may slip', weight: 'bolder' });
    expect(textBlocks(card)).toContainEqual(expect.objectContaining({ text: 'Critical · score 20', color: 'attention' }));
    expect(textBlocks(card)).toContainEqual(expect.objectContaining({ text: '⚠ Overdue (due 2026-12-04)', color: 'attention' }));
    expect(facts(card)).toMatchObject({ Project: 'APOLLO', Owner: 'Ann Lee', Probability: '4 / 5', Impact: '5 / 5', Score: '20 (critical)', Response: 'Reduce', Due: '2026-12-04 — overdue' });
    expect(card.fallbackText).toBe('R-7 Vendor API may slip');
  });

  it('colours issue priority and shows the issue and change facts', () => {
    expect(textBlocks(itemCard(issue({ priority: 'low' })))).toContainEqual(expect.objectContaining({ text: 'Low priority', color: 'good' }));
    expect(facts(itemCard(issue()))).toMatchObject({ Type: 'Problem/concern', Priority: 'High', Status: 'In progress' });
    expect(facts(itemCard(change()))).toMatchObject({ Decision: 'Approved', 'Decided by': 'Dana Ruiz', 'Decided on': '2026-11-20' });
    expect(allText(itemCard(change()))).toContain('+2 weeks, +€10k, SSO in scope');
  });

  it('shows a decision: what was decided, why, who and when, the items it concerns', () => {
    const card = itemCard(decision({ supersededBy: 'D-9' }));
    expect(textBlocks(card)[0]).toMatchObject({ text: 'D-4 Use vendor B' });
    expect(facts(card)).toMatchObject({ Status: 'Agreed', 'Decided by': 'Dana Ruiz', 'Decided on': '2026-11-20', Concerns: 'R-7, I-3', 'Superseded by': 'D-9' });
    const text = allText(card);
    expect(text).toContain('What was decided');
    expect(text).toContain('Switch the payments API to vendor B from January.');
    expect(text).toContain('Cheaper, and vendor A cannot commit to a date.');
  });

  it('shows an action: owner, due (overdue), the item it serves', () => {
    expect(facts(itemCard(action()))).toMatchObject({ Owner: 'Ann Lee', Due: '2026-11-27 — overdue', Serves: 'R-7', Status: 'Open' });
  });

  it('lists the actions and decisions that concern an item, and the escalation links both ways', () => {
    const related = [{ key: 'A-1', title: 'Call the vendor', status: 'done' }, { key: 'D-2', title: 'Use vendor B', status: 'agreed' }];
    expect(facts(itemCard(risk({ related })))).toMatchObject({ Actions: 'A-1 Call the vendor (Done)', Decisions: 'D-2 Use vendor B (Agreed)' });
    expect(facts(itemCard(issue({ escalatedFrom: 'R-2', escalatedTo: 'C-9' })))).toMatchObject({ 'Escalated from': 'R-2', 'Escalated to': 'C-9' });
    expect(facts(itemCard(change({ escalatedFrom: 'I-3' })))).toMatchObject({ 'Raised from': 'I-3' });
  });

  it('keeps a decision with every text at its longest within the byte budget by showing fewer history entries', () => {
    const card = itemCard(hugeDecision(EMOJI_LONG), history(30, EMOJI_LONG.slice(0, 5000)));
    expect(cardBytes(card)).toBeLessThanOrEqual(CARD_BYTE_BUDGET);
    expect(allText(card)).toContain('History');
    expect(allText(card)).toMatch(/…and \d+ earlier changes/);
  });

  it('leaves out empty optional fields instead of showing blanks', () => {
    const card = itemCard(bareRisk());
    expect(Object.keys(facts(card))).toEqual(['Project', 'Status', 'Probability', 'Impact', 'Score']);
    expect(allText(card)).not.toMatch(/Description|Mitigation|History|Overdue/);
    expect(card.actions).toBeUndefined();
  });

  it('shows the latest 10 history entries, newest first, in the reader\'s time zone', () => {
    const lines = textBlocks(itemCard(risk(), history(14))).map((t) => t.text).filter((t) => t.includes('{{DATE('));
    expect(lines).toHaveLength(10);
    expect(lines[0]).toBe('**{{DATE(2026-11-01T09:13:00Z, SHORT)}} {{TIME(2026-11-01T09:13:00Z)}}** · Person 13 · Probability: 13 → 14');
    expect(lines[9]).toContain('Person 4 ');
    expect(allText(itemCard(risk(), history(14)))).toContain('…and 4 earlier changes');
  });

  it('says where an escalation went on the risk and where it came from on the issue', () => {
    const at = '2026-11-20T10:00:00.000Z';
    const onRisk = itemCard(risk(), [{ at, byName: 'Ann', action: 'escalated', field: 'escalatedTo', to: 'I-9' }]);
    const onIssue = itemCard(issue(), [{ at, byName: 'Ann', action: 'escalated', field: 'escalatedFrom', to: 'R-2' }]);
    expect(allText(onRisk)).toContain('escalated to I-9');
    expect(allText(onIssue)).toContain('escalated from R-2');
    expect(allText(onIssue)).not.toContain('escalated to R-2');
  });

  it('names a history action it does not know (stored by a newer version), escaped', () => {
    const entry = { at: '2026-11-20T10:00:00.000Z', byName: 'Ann', action: 'archived_*x*' } as unknown as HistoryEntryView;
    expect(allText(itemCard(risk(), [entry]))).toContain('· Ann · archived\\_\\*x\\*');
  });

  it('links an escalated risk and its issue with showItem buttons', () => {
    expect(itemCard(risk({ escalatedTo: 'I-9' })).actions).toEqual([
      { type: 'Action.Submit', title: 'Open I-9', data: { verb: CARD_VERBS.showItem, key: 'I-9' } },
    ]);
    expect(itemCard(issue({ escalatedFrom: 'R-2' })).actions?.[0].data).toEqual({ verb: CARD_VERBS.showItem, key: 'R-2' });
  });

  it('escapes Markdown in user text and keeps unicode intact', () => {
    const text = allText(itemCard(risk({ title: MARKDOWN_TITLE, description: '- not a list\n1. nor this', ownerName: UNICODE_TITLE })));
    expect(text).toContain('R-7 \\*\\*Not bold\\*\\* \\_not italic\\_ \\[not a link\\](https://example.com) {\u200B{DATE(');
    expect(text).toContain('\\- not a list\n\n1\\. nor this');
    expect(facts(itemCard(risk({ ownerName: UNICODE_TITLE }))).Owner).toBe(UNICODE_TITLE);
  });

  it('clips 5,000-character texts with an ellipsis', () => {
    const card = itemCard(hugeRisk(LONG));
    const heading = textBlocks(card)[0].text;
    expect(Array.from(heading).length).toBeLessThanOrEqual(4 + 200);
    expect(heading.endsWith('…')).toBe(true);
    expect(textBlocks(card).every((t) => Array.from(t.text).length <= 1100)).toBe(true);
  });
});

describe('listCard', () => {
  it('shows 25 compact rows of 200, then how to narrow the list', () => {
    const card = listCard(list(200));
    const rows = ofType(card, 'ColumnSet');
    expect(rows).toHaveLength(25);
    expect(allText(card)).toContain('Top 25 of 200');
    expect(textBlocks(card).at(-1)?.text).toBe('…and 175 more — narrow with project=KEY or mine');
    expect(rows[0].selectAction).toEqual({ type: 'Action.Submit', title: 'Open R-1', data: { verb: CARD_VERBS.showItem, key: 'R-1' } });
    const firstRow = allText({ ...card, body: [rows[0] as never] });
    expect(firstRow).toContain('**R-1** Risk number 1');
    expect(firstRow).toContain('APOLLO · Open · Ann Lee · due 2026-12-04');
    expect(firstRow).toContain('Critical · score 20');
    expect(firstRow).toContain('⚠ Overdue');
  });

  it('counts matches beyond the items it was given', () => {
    expect(allText(listCard(list(10, 40)))).toContain('…and 30 more');
    expect(allText(listCard(list(3)))).toContain('3 risks');
    expect(allText(listCard(list(3)))).not.toContain('more');
  });

  it('says so when nothing matches', () => {
    expect(allText(listCard(list(0)))).toContain('No matching risks.');
  });

  it('shows fewer rows rather than outgrowing the card when titles are huge', () => {
    const card = listCard({ ...list(0), items: list(200).items.map((item) => ({ ...item, title: EMOJI_LONG })), total: 200 });
    const shown = ofType(card, 'ColumnSet').length;
    expect(shown).toBeLessThan(25);
    expect(allText(card)).toContain(`…and ${200 - shown} more`);
  });
});

describe('formCard', () => {
  const card = formCard(riskForm());
  const inputs = nodes(card.body).filter((n) => String(n.type).startsWith('Input.'));

  it('has one labelled input per field, with the field id and the right type', () => {
    expect(inputs.map((i) => [i.id, i.type])).toEqual([
      ['title', 'Input.Text'], ['description', 'Input.Text'], ['probability', 'Input.Number'], ['impact', 'Input.Number'],
      ['due', 'Input.Date'], ['response', 'Input.ChoiceSet'], ['owner', 'Input.Text'], ['reviewer', 'Input.ChoiceSet'],
    ]);
    expect(inputs[0]).toMatchObject({ label: 'Title', isRequired: true, errorMessage: 'Title is required', maxLength: 200, placeholder: 'What might happen?' });
    expect(inputs[1]).toMatchObject({ isMultiline: true });
    expect(inputs[1]).not.toHaveProperty('isRequired');
    expect(inputs[2]).toEqual({ type: 'Input.Number', id: 'probability', label: 'Probability (1–5)', isRequired: true, errorMessage: 'Probability (1–5) is required and must be between 1 and 5', value: 3, min: 1, max: 5 });
    expect(inputs[4]).toMatchObject({ value: '2026-12-04', min: '2026-11-30' });
    expect(inputs[5]).toMatchObject({ style: 'compact', value: 'reduce', choices: [{ title: 'Avoid', value: 'avoid' }, { title: 'Reduce', value: 'reduce' }, { title: 'Accept', value: 'accept' }] });
    expect(inputs[7]).toMatchObject({ style: 'filtered', choices: [{ title: 'Ann Lee', value: 'u1' }] });
  });

  it('shows a field error in red right under its input', () => {
    const body = card.body as unknown as Node[];
    const at = body.findIndex((n) => n.id === 'impact');
    expect(body[at + 1]).toMatchObject({ type: 'TextBlock', text: 'Impact must be a whole number from 1 to 5', color: 'attention' });
    expect(allText(card)).toContain('Please correct the field marked below.');
    expect(allText(formCard(riskForm({ fields: [] })))).not.toContain('Please correct');
  });

  it('submits the command with submitForm and cancels without validating', () => {
    expect(card.actions).toEqual([
      { type: 'Action.Submit', title: 'Save', style: 'positive', data: { verb: CARD_VERBS.submitForm, command: 'risk' } },
      { type: 'Action.Submit', title: 'Cancel', associatedInputs: 'none', data: { verb: CARD_VERBS.cancel, command: 'risk' } },
    ]);
  });

  it('drops prefilled values it cannot parse into the input type', () => {
    const odd = formCard(riskForm({ fields: [
      { id: 'p', label: 'P', type: 'number', required: false, value: 'three' },
      { id: 'd', label: 'D', type: 'date', required: false, value: 'next friday' },
      { id: 'c', label: 'C', type: 'choice', required: false, value: 'maybe', choices: [{ title: 'Yes', value: 'yes' }] },
      { id: 'n', label: 'N', type: 'number', required: false, value: '4' },
    ] }));
    expect(nodes(odd.body).filter((n) => 'id' in n).map((n) => n.value)).toEqual([undefined, undefined, undefined, 4]);
  });

  it('keeps prefilled text whole, leaving out the longest values when they cannot all fit', () => {
    const field = (id: string, value: string) => ({ id, label: id, type: 'multiline' as const, required: false, value });
    const big = formCard(riskForm({ fields: [field('a', '🚀'.repeat(3000)), field('b', 'short'), field('c', '🚀'.repeat(2500)), field('d', '🚀'.repeat(4000))] }));
    const values = nodes(big.body).filter((n) => 'id' in n).map((n) => n.value);
    expect(values).toEqual(['🚀'.repeat(3000), 'short', '🚀'.repeat(2500), undefined]);
  });

  it('refuses field ids that would overwrite the action data', () => {
    expect(() => formCard(riskForm({ fields: [{ id: 'verb', label: 'Verb', type: 'text', required: false }] }))).toThrow(/"verb"/);
  });
});

describe('confirmationCard', () => {
  const card = confirmationCard(confirmation());
  const rows = ofType(card, 'ColumnSet');

  it('lists what will be saved, an em dash for empty values', () => {
    expect(rows.map((row) => allText({ ...card, body: [row as never] }).split('\n').slice(0, 2))).toEqual([
      ['Title', 'Vendor API may slip'], ['Probability', '4'], ['Owner', '—'], ['Project', 'APOLLO'],
    ]);
  });

  it('has an Edit button per editable field carrying its id, then Save and Cancel', () => {
    const edits = nodes(card.body).filter((n) => n.type === 'Action.Submit');
    expect(edits.map((e) => e.data)).toEqual(['title', 'probability', 'owner'].map((field) => ({ verb: CARD_VERBS.editField, command: 'risk', field })));
    expect(edits[0]).toMatchObject({ title: 'Edit', tooltip: 'Edit Title' });
    expect(card.actions?.map((a) => a.data)).toEqual([{ verb: CARD_VERBS.confirmSave, command: 'risk' }, { verb: CARD_VERBS.cancel, command: 'risk' }]);
  });

  it('clips only the long values when they share the card', () => {
    const fields = [{ id: 'description', label: 'Description', value: '🚀'.repeat(5000) }, ...confirmation().fields];
    const text = allText(confirmationCard(confirmation({ fields })));
    expect(text).toContain('Vendor API may slip');
    expect(text).toMatch(/🚀…/);
  });
});

describe('savedCard', () => {
  it('confirms with key and title and shows what was stored', () => {
    const card = savedCard({ outcome: 'created', item: risk() });
    expect(textBlocks(card).slice(0, 2).map((t) => t.text)).toEqual(['✅ Logged', 'R-7 Vendor API may slip']);
    expect(card.fallbackText).toBe('Logged R-7 Vendor API may slip');
    expect(facts(card)).toMatchObject({ Owner: 'Ann Lee', Score: '20 (critical)' });
    expect(allText(savedCard({ outcome: 'closed', item: issue() }))).toContain('✅ Closed');
  });
});

describe('statusCard', () => {
  it('shows each RAG dimension in its colour and the report sections', () => {
    const card = statusCard(status());
    const rag = textBlocks(card).filter((t) => t.text.startsWith('● '));
    // overall amber, schedule red, scope green, cost amber
    expect(rag.map((t) => [t.text, t.color])).toEqual([['● Amber', 'warning'], ['● Red', 'attention'], ['● Green', 'good'], ['● Amber', 'warning']]);
    const text = allText(card);
    expect(text).toContain('APOLLO — Apollo programme');
    expect(text).toContain('Status 2026-W48 · by Ann Lee');
    expect(text).toContain('Design signed off\n\nTest plan drafted');
    expect(textBlocks(card)).toContainEqual(expect.objectContaining({ text: 'Blockers / help needed', color: 'attention' }));
  });

  it('leaves out empty sections', () => {
    const text = allText(statusCard(status({ done: undefined, next: '  ', blockers: undefined })));
    expect(text).not.toMatch(/Done this period|Next period|Blockers/);
  });
});

describe('helpCard', () => {
  it('lists each command with its usage, what it does and examples', () => {
    const text = allText(helpCard(help()));
    expect(text).toContain('risk \\[title\\] \\[p=1-5\\] \\[i=1-5\\] \\[owner=@user\\] \\[due=DATE\\] \\[project=KEY\\]');
    expect(text).toContain('Log a risk');
    expect(text).toContain('list risks overdue');
    expect(text).toContain('Type help COMMAND for more.');
    expect(textBlocks(helpCard(help())).filter((t) => (t as { fontType?: string }).fontType === 'monospace')).toHaveLength(6);
  });
});

describe('errorCard', () => {
  it('shows the message in red with the detail and the hint', () => {
    const card = errorCard({ message: 'I could not read that date.', detail: 'Try 2026-12-04.', hint: 'Type help risk for examples.' });
    expect(textBlocks(card).map((t) => [t.text, t.color])).toEqual([
      ['⚠ I could not read that date.', 'attention'], ['Try 2026-12-04.', undefined], ['Type help risk for examples.', undefined],
    ]);
  });
});
