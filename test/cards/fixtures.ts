// Representative view models for the card tests, including the awkward ones.
import type { ConfirmationView, FormView, HelpView, HistoryEntryView, ItemViewOf, ListView, StatusUpdateView } from '../../core/view-models';

type RiskItemView = ItemViewOf<'risk'>;
type IssueItemView = ItemViewOf<'issue'>;
type ChangeItemView = ItemViewOf<'change'>;
type DecisionItemView = ItemViewOf<'decision'>;
type ActionItemView = ItemViewOf<'action'>;

/** 5,000 characters of prose with line breaks. */
export const LONG = Array.from({ length: 100 }, (_, i) => `Line ${i} of a very long description text.\n`).join('').padEnd(5000, 'x').slice(0, 5000);
/** 5,000 code points of 4-byte emoji: the most bytes per character a card can get. */
export const EMOJI_LONG = '🚀'.repeat(5000);
/** 5,000 characters that would each need a Markdown escape. */
export const STARS_LONG = '*_[]\\'.repeat(1000);
export const MARKDOWN_TITLE = '**Not bold** _not italic_ [not a link](https://example.com) {{DATE(2026-01-01T00:00:00Z)}}';
export const UNICODE_TITLE = 'Zürich API 🚀 schedule — 東京 🇯🇵 👩‍👩‍👧‍👦';

export const risk = (overrides: Partial<RiskItemView> = {}): RiskItemView => ({
  kind: 'risk',
  key: 'R-7',
  title: 'Vendor API may slip',
  description: 'The vendor has not confirmed the release date.',
  project: 'APOLLO',
  ownerName: 'Ann Lee',
  raisedByName: 'Bo Chen',
  due: '2026-12-04',
  status: 'open',
  overdue: false,
  probability: 4,
  impact: 5,
  score: 20,
  rating: 'critical',
  response: 'reduce',
  mitigation: 'Weekly call with the vendor; fallback to the v1 API.',
  reviewDate: '2026-12-01',
  ...overrides,
});

export const issue = (overrides: Partial<IssueItemView> = {}): IssueItemView => ({
  kind: 'issue',
  key: 'I-3',
  title: 'Build server down',
  project: 'APOLLO',
  status: 'in_progress',
  overdue: false,
  type: 'problem',
  priority: 'high',
  ...overrides,
});

export const change = (overrides: Partial<ChangeItemView> = {}): ChangeItemView => ({
  kind: 'change',
  key: 'C-12',
  title: 'Add SSO to scope',
  project: 'APOLLO',
  status: 'open',
  overdue: false,
  impact: '+2 weeks, +€10k, SSO in scope',
  decision: 'approved',
  decidedByName: 'Dana Ruiz',
  decidedAt: '2026-11-20',
  ...overrides,
});

export const decision = (overrides: Partial<DecisionItemView> = {}): DecisionItemView => ({
  kind: 'decision',
  key: 'D-4',
  title: 'Use vendor B',
  project: 'APOLLO',
  ownerName: 'Ann Lee',
  raisedByName: 'Bo Chen',
  status: 'agreed',
  overdue: false,
  outcome: 'Switch the payments API to vendor B from January.',
  rationale: 'Cheaper, and vendor A cannot commit to a date.',
  decidedByName: 'Dana Ruiz',
  decidedOn: '2026-11-20',
  items: ['R-7', 'I-3'],
  ...overrides,
});

export const action = (overrides: Partial<ActionItemView> = {}): ActionItemView => ({
  kind: 'action',
  key: 'A-2',
  title: 'Call the vendor',
  project: 'APOLLO',
  ownerName: 'Ann Lee',
  due: '2026-11-27',
  status: 'open',
  overdue: true,
  itemKey: 'R-7',
  ...overrides,
});

/** The most `show` can relate to an item: 50 actions and 50 decisions, every title `text`. */
export const manyRelated = (text: string): NonNullable<RiskItemView['related']> => [
  ...Array.from({ length: 50 }, (_, i) => ({ key: `A-${i + 1}`, title: text, status: 'open' })),
  ...Array.from({ length: 50 }, (_, i) => ({ key: `D-${i + 1}`, title: text, status: 'superseded' })),
];

/** Every text field of a decision set to `text`, concerning 300 items. */
export const hugeDecision = (text: string): DecisionItemView =>
  decision({
    title: text, description: text, outcome: text, rationale: text, decidedByName: text, ownerName: text, raisedByName: text, project: text,
    items: Array.from({ length: 300 }, (_, i) => `R-${100000 + i}`), supersededBy: 'D-123456789', related: manyRelated(text),
  });

/** Every text field of a risk set to `text`. */
export const hugeRisk = (text: string): RiskItemView =>
  risk({ title: text, description: text, mitigation: text, ownerName: text, raisedByName: text, project: text, overdue: true });

/** Bare minimum: every optional field left out. */
export const bareRisk = (): RiskItemView => ({
  kind: 'risk', key: 'R-1', title: 'x', project: 'P', status: 'open', overdue: false,
  probability: 1, impact: 1, score: 1, rating: 'low',
});

export function history(count: number, long = ''): HistoryEntryView[] {
  return Array.from({ length: count }, (_, i) => ({
    at: new Date(Date.UTC(2026, 10, 1, 9, i)).toISOString(),
    byName: `Person ${i}${long}`,
    action: i === 0 ? 'created' : 'updated',
    field: 'probability',
    from: `${i}${long}`,
    to: `${i + 1}${long}`,
  }));
}

export function list(count: number, total = count): ListView {
  return {
    kind: 'risk',
    filters: 'open on APOLLO, overdue',
    items: Array.from({ length: count }, (_, i) => risk({ key: `R-${i + 1}`, title: `Risk number ${i + 1}`, overdue: i % 3 === 0 })),
    total,
  };
}

export const status = (overrides: Partial<StatusUpdateView> = {}): StatusUpdateView => ({
  project: 'APOLLO',
  projectName: 'Apollo programme',
  period: '2026-W48',
  overall: 'amber',
  schedule: 'red',
  scope: 'green',
  cost: 'amber',
  summary: 'Vendor delay puts the December milestone at risk.',
  done: 'Design signed off\nTest plan drafted',
  next: 'Vendor escalation call',
  blockers: 'Need a decision on SSO scope',
  authorName: 'Ann Lee',
  ...overrides,
});

export const riskForm = (overrides: Partial<FormView> = {}): FormView => ({
  command: 'risk',
  title: 'Log a risk',
  intro: 'Tell me about the risk.',
  fields: [
    { id: 'title', label: 'Title', type: 'text', required: true, max: 200, placeholder: 'What might happen?' },
    { id: 'description', label: 'Description', type: 'multiline', required: false },
    { id: 'probability', label: 'Probability (1–5)', type: 'number', required: true, min: 1, max: 5, value: 3 },
    { id: 'impact', label: 'Impact (1–5)', type: 'number', required: true, min: 1, max: 5, error: 'Impact must be a whole number from 1 to 5' },
    { id: 'due', label: 'Due date', type: 'date', required: false, min: '2026-11-30', value: '2026-12-04' },
    { id: 'response', label: 'Response', type: 'choice', required: false, value: 'reduce', choices: [
      { title: 'Avoid', value: 'avoid' }, { title: 'Reduce', value: 'reduce' }, { title: 'Accept', value: 'accept' },
    ] },
    { id: 'owner', label: 'Owner', type: 'person', required: false, placeholder: '@name' },
    { id: 'reviewer', label: 'Reviewer', type: 'person', required: false, choices: [{ title: 'Ann Lee', value: 'u1' }] },
  ],
  ...overrides,
});

export const confirmation = (overrides: Partial<ConfirmationView> = {}): ConfirmationView => ({
  command: 'risk',
  title: 'Save this risk?',
  fields: [
    { id: 'title', label: 'Title', value: 'Vendor API may slip' },
    { id: 'probability', label: 'Probability', value: '4' },
    { id: 'owner', label: 'Owner', value: '' },
    { id: 'project', label: 'Project', value: 'APOLLO', editable: false },
  ],
  note: 'Nothing is saved until you press Save.',
  ...overrides,
});

export const help = (): HelpView => ({
  title: 'PMO Assistant',
  intro: 'I keep your project registers. Try one of these:',
  commands: [
    { usage: 'risk [title] [p=1-5] [i=1-5] [owner=@user] [due=DATE] [project=KEY]', description: 'Log a risk', examples: ['risk Vendor API may slip p=4 i=5 due=next friday'] },
    { usage: 'list risks|issues|changes [mine] [overdue] [project=KEY]', description: 'Filtered register view', examples: ['list risks overdue', 'list issues mine'] },
    { usage: 'cancel', description: 'Leave any dialog', examples: [] },
  ],
  footer: 'Type help COMMAND for more.',
});
