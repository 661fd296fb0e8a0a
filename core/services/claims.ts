import type { Types } from 'mongoose';
import { ClaimModel, type ClaimDoc } from '../../models';
import { isDuplicateKeyError } from './errors';

export interface ClaimResult {
  won: boolean;
  /** Who holds the claim now (the caller when won). */
  holderId: string;
  at: Date;
}

/**
 * First come, first served, race-safe on MongoDB and FerretDB alike: an insert against the unique
 * (workspaceId, name) index. Only the insert that lands wins (a repeat by the same holder does not);
 * the loser reads back who holds it.
 */
export async function tryClaim(workspaceId: Types.ObjectId, name: string, holderId: string, now: Date): Promise<ClaimResult> {
  try {
    await ClaimModel.create({ workspaceId, name, holderId, at: now });
    return { won: true, holderId, at: now };
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    const held = await ClaimModel.findOne({ workspaceId, name }).lean<ClaimDoc>();
    if (!held) throw err;
    return { won: false, holderId: held.holderId, at: held.at };
  }
}

export async function releaseClaim(workspaceId: Types.ObjectId, name: string): Promise<void> {
  await ClaimModel.deleteOne({ workspaceId, name });
}
