// Every register kind by name: the one list a new kind is added to.
import type { ItemKind } from '../domain';
import { ACTION_REGISTER } from './action.register';
import { CHANGE_REGISTER } from './change.register';
import { DECISION_REGISTER } from './decision.register';
import { ISSUE_REGISTER } from './issue.register';
import { RISK_REGISTER } from './risk.register';
import type { RegisterDescriptor } from './types';

/** In ITEM_KINDS order, which is the order kinds are listed, counted and reminded in. */
export const REGISTERS: { readonly [K in ItemKind]: RegisterDescriptor<K> } = {
  risk: RISK_REGISTER,
  issue: ISSUE_REGISTER,
  change: CHANGE_REGISTER,
  decision: DECISION_REGISTER,
  action: ACTION_REGISTER,
};
