// Risk R-n (SPEC §2): probability × impact, response, mitigation, review date; escalates into an issue.
import { riskRating, RISK_RESPONSES, RISK_STATUSES, SCALE_MAX, SCALE_MIN, type IsoDate, type RiskRating, type RiskResponse } from '../domain';
import { DESCRIPTION, DUE, OWNER, PROJECT, status, titled, type KindField } from './fields';
import type { ItemViewBase } from '../view-models';
import { given, humanize } from './cells';
import { ownColumns, type ItemRow, type OverdueContext, type RegisterDescriptor } from './types';
import { RiskModel, type Risk } from '../../models/risk.model';
import type { RegisterItemBase } from '../../models/register-item';

/** The view model of a risk: what its cards show. */
export interface RiskItemView extends ItemViewBase {
  kind: 'risk';
  probability: number;
  impact: number;
  score: number;
  rating: RiskRating;
  response?: RiskResponse;
  mitigation?: string;
  reviewDate?: IsoDate;
  escalatedTo?: string; // issue key
}
/** The stored risk, as its descriptor reads it. */
type RiskRow = ItemRow & Omit<Risk, keyof RegisterItemBase>;

const scale = (name: string, label: string, question: string, keys: string[]): KindField => ({
  name, keys, value: { type: 'scale' }, label, question, required: true,
});

const FIELDS: KindField[] = [
  titled('What is the risk? Give it a short title.'),
  DESCRIPTION,
  scale('probability', 'Probability', `How likely is it, from ${SCALE_MIN} (rare) to ${SCALE_MAX} (almost certain)?`, ['p', 'probability']),
  scale('impact', 'Impact', `How bad would it be, from ${SCALE_MIN} (minor) to ${SCALE_MAX} (severe)?`, ['i', 'impact']),
  OWNER,
  DUE,
  PROJECT,
  {
    name: 'response', keys: ['response'], value: { type: 'choice', values: RISK_RESPONSES, aliases: { mitigate: 'reduce' } },
    label: 'Response', question: 'How will you respond to it?',
  },
  { name: 'mitigation', keys: ['mitigation'], value: { type: 'text', max: 2000 }, label: 'Mitigation', question: 'How will you mitigate it?' },
  { name: 'review', stored: 'reviewDate', keys: ['review'], value: { type: 'date', said: 'review date' }, label: 'Review date', question: 'When should it be reviewed next?' },
  status(RISK_STATUSES),
];

export const RISK_REGISTER: RegisterDescriptor<'risk'> = {
  kind: 'risk',
  model: RiskModel,
  prefix: 'R',
  nouns: { singular: 'risk', article: 'a', plural: 'risks', label: 'Risk', listWord: 'risks', register: 'Risk register' },
  statuses: RISK_STATUSES,
  done: ['closed'],
  fields: FIELDS,
  form: ['title', 'status', 'probability', 'impact', 'project', 'owner', 'due', 'description', 'response', 'mitigation', 'review'],
  closeTo: 'closed',
  // The score and rating follow probability and impact.
  derive: ({ probability, impact }) => {
    if (typeof probability !== 'number' || typeof impact !== 'number') return {};
    return { score: probability * impact, rating: riskRating(probability * impact) };
  },
  rank: (risk: RiskRow) => risk.score,
  // A risk is also overdue once its next review date has passed.
  lateDates: (risk: RiskRow) => (risk.reviewDate ? [risk.reviewDate] : []),
  lateQuery: (ctx: OverdueContext) => [{ reviewDate: { $lt: ctx.today } }],
  lateFields: ['reviewDate'],
  columns: ownColumns<RiskRow>([
    ['Probability', (r) => r.probability],
    ['Impact', (r) => r.impact],
    ['Score', (r) => r.score],
    ['Rating', (r) => r.rating],
    ['Response', (r) => r.response ?? ''],
    ['Mitigation', (r) => r.mitigation],
    ['Review date', (r) => r.reviewDate ?? ''],
    ['Escalated to', (r) => r.escalatedTo ?? ''],
  ]),
  view: (r: RiskRow): Partial<RiskItemView> => ({
    probability: r.probability, impact: r.impact, score: r.score, rating: r.rating, response: (r.response ?? undefined) as RiskItemView['response'],
    mitigation: given(r.mitigation), reviewDate: given(r.reviewDate), escalatedTo: given(r.escalatedTo),
  }),
  card: {
    level: (r: RiskItemView) => ({ text: `${humanize(r.rating)} · score ${r.score}`, tone: r.rating }),
    facts: (r: RiskItemView) => [
      { title: 'Probability', value: `${r.probability} / ${SCALE_MAX}` },
      { title: 'Impact', value: `${r.impact} / ${SCALE_MAX}` },
      { title: 'Score', value: `${r.score} (${r.rating})` },
      { title: 'Response', value: r.response && humanize(r.response) },
      { title: 'Next review', value: r.reviewDate },
      { title: 'Escalated to', value: r.escalatedTo },
    ],
    texts: (r: RiskItemView) => [['Description', r.description], ['Mitigation', r.mitigation]],
  },
  help: {
    usage: 'risk [title] [p=1-5] [i=1-5] [owner=@user] [due=DATE] [project=KEY] [response=..] [mitigation=".."] [review=DATE]',
    description: 'Log a risk: probability and impact 1–5 give its score. Alone, I ask you step by step.',
    examples: ['risk Vendor API may slip p=4 i=5 due="next friday"', 'risk Key engineer leaving p=2 i=4 owner=me project=APOLLO', 'risk'],
  },
  escalatesTo: 'issue',
};
