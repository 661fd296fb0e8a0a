// The PMO policy table (SPEC §4, "PMO policy"): what each of the three PMO types changes in what the
// bot asks and enforces. The one place the table lives; planners, dialogs and the runner read it.
import type { Policy } from './domain';

export const DEFAULT_POLICY: Policy = 'controlling';

export interface PolicyRules {
  /** Reason for an amber or red status: asked but may be skipped, required, or required with a recovery date. */
  statusReason: 'optional' | 'required' | 'required-with-recovery-date';
  /** A project with no status update this period: its PM is nudged; from controlling on, the PMO admins get the names the next working day. */
  missingUpdateToAdmins: boolean;
  /** Directive: the digest lists a missing update under the project. */
  missingUpdateInDigest: boolean;
  /** Who decides a change request: its project's PM or a PMO admin, or a PMO admin only. */
  changeDecidedBy: 'pm-or-admin' | 'admin';
  /** Directive: approving a change needs its impact on time, cost and scope. */
  approvalNeedsImpact: boolean;
  /** A change request pending longer than this many days is overdue. */
  changeOverdueDays: number;
  /** Controlling and directive: the scorecard counts overdue items per owner. */
  overdueCountPerOwner: boolean;
  /** Directive: items overdue two weeks are escalated to the PMO admins. */
  escalateOverdueAfterDays: number | null;
}

export const POLICY_RULES: Readonly<Record<Policy, Readonly<PolicyRules>>> = {
  supportive: {
    statusReason: 'optional',
    missingUpdateToAdmins: false,
    missingUpdateInDigest: false,
    changeDecidedBy: 'pm-or-admin',
    approvalNeedsImpact: false,
    changeOverdueDays: 14,
    overdueCountPerOwner: false,
    escalateOverdueAfterDays: null,
  },
  controlling: {
    statusReason: 'required',
    missingUpdateToAdmins: true,
    missingUpdateInDigest: false,
    changeDecidedBy: 'admin',
    approvalNeedsImpact: false,
    changeOverdueDays: 7,
    overdueCountPerOwner: true,
    escalateOverdueAfterDays: null,
  },
  directive: {
    statusReason: 'required-with-recovery-date',
    missingUpdateToAdmins: true,
    missingUpdateInDigest: true,
    changeDecidedBy: 'admin',
    approvalNeedsImpact: true,
    changeOverdueDays: 3,
    overdueCountPerOwner: true,
    escalateOverdueAfterDays: 14,
  },
};

/** The rules of a workspace's policy (the default's for none). */
export function policyRules(policy: Policy | undefined): Readonly<PolicyRules> {
  return POLICY_RULES[policy ?? DEFAULT_POLICY];
}
