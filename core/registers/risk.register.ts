// Risk R-n (SPEC §2): probability × impact, response, mitigation, review date; escalates into an issue.
import { RISK_STATUSES, type IsoDate, type RiskRating } from '../domain';
import { ownColumns, type ItemRow, type OverdueContext, type RegisterDescriptor } from './types';

interface RiskRow extends ItemRow {
  probability: number;
  impact: number;
  score: number;
  rating: RiskRating;
  response?: string | null;
  mitigation: string;
  reviewDate?: IsoDate | null;
  escalatedTo?: string | null;
}

export const RISK_REGISTER: RegisterDescriptor<'risk'> = {
  kind: 'risk',
  prefix: 'R',
  nouns: { singular: 'risk', article: 'a', plural: 'risks', label: 'Risk', listWord: 'risks' },
  statuses: RISK_STATUSES,
  done: ['closed'],
  required: ['probability', 'impact'],
  closeTo: 'closed',
  rank: (risk: RiskRow) => risk.score,
  // A risk is also overdue once its next review date has passed.
  lateDates: (risk: RiskRow) => (risk.reviewDate ? [risk.reviewDate] : []),
  lateQuery: (ctx: OverdueContext) => [{ reviewDate: { $lt: ctx.today } }],
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
};
