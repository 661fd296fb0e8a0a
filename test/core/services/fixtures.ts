// Shared set-up for the service tests: a Teams workspace with an admin, a PM, an owner and a bystander.
import type { Types } from 'mongoose';
import type { Actor, Policy } from '../../../core/domain';
import { addProject, ensurePerson, ensureWorkspace } from '../../../core/services';
import { WorkspaceModel, type ProjectDoc, type WorkspaceDoc } from '../../../models';

export interface World {
  workspace: WorkspaceDoc;
  ws: Types.ObjectId;
  admin: Actor;
  pm: Actor;
  owner: Actor;
  other: Actor;
  project: ProjectDoc;
}

let counter = 0;

/** A fresh workspace (own external id), people with names, and project APOLLO whose PM is Sam. */
export async function makeWorld(options: { timeZone?: string; projectKey?: string; policy?: Policy } = {}): Promise<World> {
  counter += 1;
  const workspace = await ensureWorkspace('teams', `tenant-${counter}-${Date.now()}`, `Tenant ${counter}`, {
    timeZone: options.timeZone ?? 'Europe/London',
  });
  const ws = workspace._id;
  const admin: Actor = { userId: 'u-admin', displayName: 'Ada' };
  const pm: Actor = { userId: 'u-pm', displayName: 'Sam' };
  const owner: Actor = { userId: 'u-owner', displayName: 'Jane' };
  const other: Actor = { userId: 'u-other', displayName: 'Olly' };
  for (const a of [admin, pm, owner, other]) await ensurePerson(ws, a.userId, a.displayName ?? '');
  const project = await addProject(ws, admin, { key: options.projectKey ?? 'APOLLO', name: 'Apollo', pmId: pm.userId });
  // The default policy is controlling (SPEC §4); tests of what a project's PM may decide ask for supportive.
  if (options.policy) await WorkspaceModel.updateOne({ _id: ws }, { $set: { policy: options.policy } });
  return { workspace, ws, admin, pm, owner, other, project };
}

/** Awaits a promise expected to reject and returns the error, failing the test if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<{ code?: string; field?: string; message: string }> {
  try {
    await promise;
  } catch (err) {
    return err as { code?: string; field?: string; message: string };
  }
  throw new Error('expected the call to be refused, but it succeeded');
}
