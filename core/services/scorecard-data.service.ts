// What the PMO scorecard job reads beyond the digest's queries: projects with their start, and the PMO admins.
import type { Types } from 'mongoose';
import { PersonModel, ProjectModel, type PersonDoc, type ProjectDoc } from '../../models';

/** An active project as the scorecard scores it: weeks before it was created are not held against it. */
export type ScorecardProject = Pick<ProjectDoc, 'key' | 'name' | 'pmId' | 'createdAt'>;

/** The workspace's active projects, by key (served by the projects' (workspaceId, active, key) index as listActiveProjects). */
export async function listScorecardProjects(workspaceId: Types.ObjectId): Promise<ScorecardProject[]> {
  return ProjectModel.find({ workspaceId, active: true })
    .select({ _id: 0, key: 1, name: 1, pmId: 1, createdAt: 1 })
    .sort({ key: 1 })
    .lean<ScorecardProject[]>();
}

/** The people holding the PMO admin role, by name (Teams owners and Slack admins without the role are not listed). */
export async function listPmoAdmins(workspaceId: Types.ObjectId): Promise<Pick<PersonDoc, 'platformUserId' | 'displayName'>[]> {
  return PersonModel.find({ workspaceId, role: 'pmo_admin' })
    .select({ _id: 0, platformUserId: 1, displayName: 1 })
    .sort({ displayName: 1 })
    .lean<Pick<PersonDoc, 'platformUserId' | 'displayName'>[]>();
}
