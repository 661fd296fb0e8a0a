import type { WorkspaceDoc } from '../../models';
import type { OverdueContext } from '../registers';
import { pendingAllowance } from '../policy';
import { todayIn } from './time';

// The rule itself is each kind's descriptor's (core/registers/rules.ts); the services read it from here.
export { isOverdue, type OverdueContext } from '../registers';

/** Today in the workspace's zone, and its pending allowance for changes (its policy's, or its own). */
export function overdueContext(workspace: Pick<WorkspaceDoc, 'timeZone'> & Partial<Pick<WorkspaceDoc, 'policy'>>, now: Date): OverdueContext {
  return { today: todayIn(workspace.timeZone, now), zone: workspace.timeZone, changePendingDays: pendingAllowance(workspace) };
}
