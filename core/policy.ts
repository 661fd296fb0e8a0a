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
/**
 * How many days a change may stay pending before it is overdue: the policy's (14/7/3, SPEC §4).
 * Earlier versions stored a `changePendingDays` on every workspace (14); it is no longer read, so
 * switching the policy moves the allowance everywhere at once.
 */
export function pendingAllowance(w: { policy?: Policy | null }): number {
  return policyRules(w.policy ?? undefined).changeOverdueDays;
}

export function policyRules(policy: Policy | undefined): Readonly<PolicyRules> {
  return POLICY_RULES[policy ?? DEFAULT_POLICY];
}

/** Who decides a change request under the rules, as a phrase: "its project's PM or a PMO admin". */
export function decidersPhrase(rules: Readonly<PolicyRules>): string {
  return rules.changeDecidedBy === 'pm-or-admin' ? "its project's PM or a PMO admin" : 'a PMO admin';
}

/** The pure rule: whether someone may decide a change request of a project (the services add who is a PMO admin). */
export function mayDecideChange(rules: Readonly<PolicyRules>, p: { actorId: string; pmId?: string | null; isAdmin: boolean }): boolean {
  return p.isAdmin || (rules.changeDecidedBy === 'pm-or-admin' && !!p.pmId && p.actorId === p.pmId);
}

const STATUS_REASON: Record<PolicyRules['statusReason'], string> = {
  optional: 'asked, may be skipped',
  required: 'required',
  'required-with-recovery-date': 'required, with a recovery date',
};

/** Each row of the SPEC §4 table as the bot says it; `settings policy=...` lists the rows that differ. */
const ROWS: { label: string; cell: (r: Readonly<PolicyRules>) => string }[] = [
  { label: 'Reason for an amber or red status', cell: (r) => STATUS_REASON[r.statusReason] },
  {
    label: 'Missing status update',
    cell: (r) => ['nudge to the PM', r.missingUpdateToAdmins ? 'the next working day the PMO admins get the names' : '', r.missingUpdateInDigest ? 'listed in the digest' : '']
      .filter(Boolean).join('; '),
  },
  { label: 'Change requests decided by', cell: (r) => `${decidersPhrase(r)}${r.approvalNeedsImpact ? '; approving needs the impact on time, cost and scope' : ''}` },
  { label: 'A change is overdue when pending for', cell: (r) => `${r.changeOverdueDays} days` },
  {
    label: 'Overdue items',
    cell: (r) => ['reminders to owners and PMs', r.overdueCountPerOwner ? 'a count per owner in the scorecard' : '', r.escalateOverdueAfterDays ? `escalated to the PMO admins after ${r.escalateOverdueAfterDays} days` : '']
      .filter(Boolean).join('; '),
  },
];

/** What switching from one policy to another changes: `Label: before → after`, one line per row that differs. */
export function policyChanges(from: Policy | undefined, to: Policy): string[] {
  const before = policyRules(from);
  const after = policyRules(to);
  return ROWS.filter((row) => row.cell(before) !== row.cell(after)).map((row) => `${row.label}: ${row.cell(before)} → ${row.cell(after)}`);
}

/** The whole row set of one policy (`settings` shows it). */
export function policySummary(policy: Policy | undefined): string[] {
  const rules = policyRules(policy);
  return ROWS.map((row) => `${row.label}: ${row.cell(rules)}`);
}
