// Issue I-n (SPEC §2): type, priority, resolution; escalates into a change request.
import { ISSUE_STATUSES } from '../domain';
import type { RegisterDescriptor } from './types';

/** The words accepted for an issue's type, by the parser and by the services alike. */
export const ISSUE_TYPE_ALIASES = {
  concern: 'problem',
  problem_concern: 'problem',
  rfc: 'request_for_change',
  request: 'request_for_change',
  change: 'request_for_change',
  change_request: 'request_for_change',
  off_spec: 'off_specification',
} as const;

export const ISSUE_REGISTER: RegisterDescriptor<'issue'> = {
  kind: 'issue',
  prefix: 'I',
  nouns: { singular: 'issue', article: 'an', plural: 'issues', label: 'Issue', listWord: 'issues' },
  statuses: ISSUE_STATUSES,
  done: ['resolved', 'closed'],
  required: [],
  closeTo: 'closed',
  escalatesTo: 'change',
};
