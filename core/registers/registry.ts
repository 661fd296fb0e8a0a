// Every register kind by name: the one list a new kind is added to.
import type { ItemKind } from '../domain';
import { ACTION_REGISTER, type ActionItemView } from './action.register';
import { CHANGE_REGISTER, type ChangeItemView } from './change.register';
import { DECISION_REGISTER, type DecisionItemView } from './decision.register';
import { ISSUE_REGISTER, type IssueItemView } from './issue.register';
import { RISK_REGISTER, type RiskItemView } from './risk.register';
import type { RegisterDescriptor } from './types';
import type { ActionItemEntry } from '../../models/action.model';
import type { ChangeRequest } from '../../models/change-request.model';
import type { DecisionEntry } from '../../models/decision.model';
import type { Issue } from '../../models/issue.model';
import type { Risk } from '../../models/risk.model';

/** In ITEM_KINDS order, which is the order kinds are listed, counted and reminded in. */
export const REGISTERS: { readonly [K in ItemKind]: RegisterDescriptor<K> } = {
  risk: RISK_REGISTER,
  issue: ISSUE_REGISTER,
  change: CHANGE_REGISTER,
  decision: DECISION_REGISTER,
  action: ACTION_REGISTER,
};

/** Each kind's stored entry (its model's file) and view model (its descriptor's file), for the types derived over all kinds. */
export interface KindTypes {
  risk: { entry: Risk; view: RiskItemView };
  issue: { entry: Issue; view: IssueItemView };
  change: { entry: ChangeRequest; view: ChangeItemView };
  decision: { entry: DecisionEntry; view: DecisionItemView };
  action: { entry: ActionItemEntry; view: ActionItemView };
}
