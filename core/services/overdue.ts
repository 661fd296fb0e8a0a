import type { WorkspaceDoc } from '../../models';
import type { OverdueContext } from '../registers';
import { todayIn } from './time';

// The rule itself is each kind's descriptor's (core/registers/rules.ts); the services read it from here.
export { isOverdue, type OverdueContext } from '../registers';

export function overdueContext(workspace: Pick<WorkspaceDoc, 'timeZone' | 'changePendingDays'>, now: Date): OverdueContext {
  return { today: todayIn(workspace.timeZone, now), zone: workspace.timeZone, changePendingDays: workspace.changePendingDays };
}
