// Action A-n (SPEC §2): an owner, a due date, open or done, and the item it serves (item=R-3).
import { ACTION_STATUSES } from '../domain';
import type { RegisterDescriptor } from './types';

export const ACTION_REGISTER: RegisterDescriptor<'action'> = {
  kind: 'action',
  prefix: 'A',
  nouns: { singular: 'action', article: 'an', plural: 'actions', label: 'Action', listWord: 'actions' },
  statuses: ACTION_STATUSES,
  done: ['done'],
  required: [],
  closeTo: 'done',
};
