import {
  CARD_VERBS,
} from '../../../cards';
import {
  confirmationMessage, errorMessage, helpMessage, itemMessage, savedMessage, statusMessage,
} from '../../../cards/blocks';
import type { HistoryEntryView } from '../../../core/view-models';
import { bareRisk, change, confirmation, help, history, issue, risk, status } from '../fixtures';
import { allText, buttonData, buttons, ofType, texts } from './block-query';

const headerText = (blocks: Record<string, unknown>[]): string => (blocks[0].text as { text: string }).text;

describe('itemMessage', () => {
  it('heads with `R-7 Vendor API may slip`, the score and rating, overdue and the facts', () => {
    const message = itemMessage(risk({ overdue: true }));
    expect(message.blocks[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: 'R-7 Vendor API may slip' } });
    expect(message.text).toBe('R-7 Vendor API may slip');
    const text = allText(message.blocks);
    expect(text).toContain('🔴 Critical · score 20');
    expect(text).toContain('*⚠ Overdue* (due 2026-12-04)');
    for (const fact of ['*Owner*\nAnn Lee', '*Probability*\n4 / 5', '*Impact*\n5 / 5', '*Score*\n20 (critical)', '*Response*\nReduce', '*Due*\n2026-12-04 — overdue']) {
      expect(texts(message.blocks)).toContain(fact);
    }
    expect(text).toContain('*Mitigation*\nWeekly call with the vendor; fallback to the v1 API.');
  });

  it('shows issue priority and change decision and their facts', () => {
    expect(allText(itemMessage(issue({ priority: 'low' })).blocks)).toContain('🟢 Low priority');
    expect(texts(itemMessage(issue()).blocks)).toEqual(expect.arrayContaining(['*Type*\nProblem/concern', '*Priority*\nHigh', '*Status*\nIn progress']));
    const changeText = allText(itemMessage(change()).blocks);
    expect(changeText).toContain('✅ Approved');
    expect(changeText).toContain('*Decided by*\nDana Ruiz');
    expect(changeText).toContain('+2 weeks, +€10k, SSO in scope');
  });

  it('leaves out empty optional fields and has no buttons without links', () => {
    const message = itemMessage(bareRisk());
    expect(allText(message.blocks)).not.toMatch(/Description|Mitigation|History|Overdue|Owner/);
    expect(buttons(message.blocks)).toEqual([]);
  });

  it('shows the latest 10 history entries newest first, in each reader\'s time zone', () => {
    const message = itemMessage(risk(), history(14));
    const lines = texts(message.blocks).filter((t) => t.includes('<!date^'));
    expect(lines).toHaveLength(10);
    expect(lines[0]).toBe(`*<!date^${Date.UTC(2026, 10, 1, 9, 13) / 1000}^{date_short} {time}|2026-11-01 09:13Z>* · Person 13 · Probability: 13 → 14`);
    expect(lines[9]).toContain('Person 4 ');
    expect(allText(message.blocks)).toContain('…and 4 earlier changes');
  });

  it('names a history action it does not know (stored by a newer version), escaped', () => {
    const entry = { at: '2026-11-20T10:00:00.000Z', byName: 'Ann', action: 'archived <b>' } as unknown as HistoryEntryView;
    expect(allText(itemMessage(risk(), [entry]).blocks)).toContain('· Ann · archived &lt;b&gt;');
  });

  it('says where an escalation went and links the other item with a Show button', () => {
    const at = '2026-11-20T10:00:00.000Z';
    const onIssue = itemMessage(issue({ escalatedFrom: 'R-2' }), [{ at, byName: 'Ann', action: 'escalated', field: 'escalatedFrom', to: 'R-2' }]);
    expect(allText(onIssue.blocks)).toContain('escalated from R-2');
    expect(buttonData(onIssue.blocks)).toEqual([{ verb: CARD_VERBS.showItem, key: 'R-2' }]);
    expect(buttons(itemMessage(risk({ escalatedTo: 'I-9' })).blocks)[0]).toMatchObject({ text: { text: 'Open I-9' }, action_id: 'pmo.item.show:0' });
  });

  it('escapes &, < and > in user text and in the notification line, and keeps it plain in the header', () => {
    const message = itemMessage(risk({ title: '<!channel> & <http://evil|click>', description: 'a < b > c & d', ownerName: '<@U123>' }));
    expect(message.text).toBe('R-7 &lt;!channel&gt; &amp; &lt;http://evil|click&gt;');
    expect(headerText(message.blocks)).toBe('R-7 <!channel> & <http://evil|click>');
    const mrkdwn = texts(message.blocks.slice(1)).join('\n');
    expect(mrkdwn).toContain('a &lt; b &gt; c &amp; d');
    expect(mrkdwn).toContain('&lt;@U123&gt;');
    expect(mrkdwn).not.toMatch(/<[!@h]/);
  });

  it('clips a 10,000-character title in the header with an ellipsis', () => {
    const title = headerText(itemMessage(risk({ title: 'y'.repeat(10_000) })).blocks);
    expect(title.length).toBeLessThanOrEqual(150);
    expect(title.endsWith('…')).toBe(true);
  });
});

describe('savedMessage', () => {
  it('has the headline first and says what happened', () => {
    const message = savedMessage({ outcome: 'created', item: risk() });
    expect(headerText(message.blocks)).toBe('R-7 Vendor API may slip');
    expect(message.text).toBe('Saved R-7 Vendor API may slip');
    expect(allText(message.blocks)).toContain('✅ *Logged* · Risk · APOLLO · Open');
    expect(savedMessage({ outcome: 'closed', item: issue() }).text).toBe('Closed I-3 Build server down');
  });
});

describe('statusMessage', () => {
  it('shows RAG per dimension and the texts, with the Teams notification line', () => {
    const message = statusMessage(status());
    expect(headerText(message.blocks)).toBe('APOLLO — Apollo programme');
    expect(texts(message.blocks)).toEqual(expect.arrayContaining(['*Overall*\n🟠 Amber', '*Schedule*\n🔴 Red', '*Scope*\n🟢 Green', '*Cost*\n🟠 Amber']));
    expect(allText(message.blocks)).toContain('*Done this period*\nDesign signed off\nTest plan drafted');
    expect(allText(message.blocks)).toContain('Blockers / help needed');
    expect(message.text).toBe('Saved status for APOLLO (2026-W48)');
    expect(statusMessage(status(), { replaced: true }).text).toBe('Updated status for APOLLO (2026-W48)');
  });

  it('leaves out empty sections', () => {
    expect(allText(statusMessage(status({ done: undefined, next: '  ', blockers: undefined })).blocks)).not.toMatch(/Done|Next|Blockers/);
  });
});

describe('helpMessage', () => {
  it('lists each command with its usage in code and up to three examples', () => {
    const message = helpMessage(help());
    expect(message.text).toBe('PMO Assistant');
    const text = allText(message.blocks);
    expect(text).toContain('*`list risks|issues|changes [mine] [overdue] [project=KEY]`*\nFiltered register view\n• `list risks overdue`\n• `list issues mine`');
    expect(texts(message.blocks).at(-1)).toBe('Type help COMMAND for more.');
  });

  it('keeps the footer when the commands do not all fit', () => {
    const many = helpMessage({ ...help(), commands: Array.from({ length: 80 }, (_, i) => ({ usage: `c${i}`, description: 'd', examples: [] })) });
    expect(many.blocks).toHaveLength(50);
    expect(texts(many.blocks).at(-1)).toBe('Type help COMMAND for more.');
    expect(allText(many.blocks)).toMatch(/…and \d+ more not shown/);
  });
});

describe('errorMessage', () => {
  it('shows the message, detail and hint', () => {
    const message = errorMessage({ message: 'I could not read that date.', detail: 'Try 2026-12-04.', hint: 'Type help risk.' });
    expect(texts(message.blocks)).toEqual(['⚠ *I could not read that date.*', 'Try 2026-12-04.', 'Type help risk.']);
    expect(message.text).toBe('I could not read that date.');
  });
});

describe('confirmationMessage', () => {
  it('lists the fields with an Edit button per editable one, then Save and Cancel', () => {
    const message = confirmationMessage(confirmation());
    expect(message.text).toBe('Save this risk?');
    expect(texts(message.blocks)).toEqual(expect.arrayContaining(['*Title*\nVendor API may slip', '*Owner*\n—', '*Project*\nAPOLLO']));
    expect(buttonData(message.blocks)).toEqual([
      { verb: CARD_VERBS.editField, command: 'risk', field: 'title' },
      { verb: CARD_VERBS.editField, command: 'risk', field: 'probability' },
      { verb: CARD_VERBS.editField, command: 'risk', field: 'owner' },
      { verb: CARD_VERBS.confirmSave, command: 'risk' },
      { verb: CARD_VERBS.cancel, command: 'risk' },
    ]);
    const last = ofType(message.blocks, 'actions').at(-1);
    expect(last).toMatchObject({ elements: [{ text: { text: 'Save' }, style: 'primary' }, { text: { text: 'Cancel' } }] });
    expect(buttons(message.blocks).map((b) => b.action_id)).toEqual([
      'pmo.confirm.edit:0', 'pmo.confirm.edit:1', 'pmo.confirm.edit:2', 'pmo.confirm.save:3', 'pmo.cancel:4',
    ]);
  });
});
