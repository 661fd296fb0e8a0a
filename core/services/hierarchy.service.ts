import type { Types } from 'mongoose';
import {
  PortfolioModel,
  ProgramModel,
  ProjectModel,
  type PortfolioDoc,
  type ProgramDoc,
  type ProjectDoc,
} from '../../models';
import type { Actor } from '../domain';
import { parseItemKey } from '../registers';
import { loadWorkspace, toWorkspaceId, type WorkspaceId } from './context';
import { invalid, isDuplicateKeyError, PmoError } from './errors';
import { assertPmoAdmin } from './permissions';

export interface AddPortfolioInput { key: string; name: string }
export interface AddProgramInput { key: string; name: string; portfolioKey?: string | null }
export interface AddProjectInput {
  key: string;
  name: string;
  programKey?: string | null;
  portfolioKey?: string | null;
  pmId?: string | null;
}
export type ProjectPatch = Partial<Omit<AddProjectInput, 'key'>> & { active?: boolean };

/** `APOLLO`: 2–20 letters, digits, `-` or `_`, starting with a letter; stored upper-case. */
export function normaliseKey(field: string, text: string | null | undefined): string {
  const key = (text ?? '').trim().toUpperCase();
  if (!/^[A-Z][A-Z0-9_-]{1,19}$/.test(key) || parseItemKey(key)) {
    throw invalid(field, `${field} must be 2–20 letters, digits, - or _, starting with a letter (e.g. APOLLO).`);
  }
  return key;
}

function requireName(name: string | null | undefined): string {
  const trimmed = (name ?? '').trim();
  if (!trimmed || trimmed.length > 120) throw invalid('name', 'name must be 1–120 characters.');
  return trimmed;
}

export async function addPortfolio(ws: WorkspaceId, actor: Actor, input: AddPortfolioInput): Promise<PortfolioDoc> {
  const workspace = await loadWorkspace(ws);
  await assertPmoAdmin(workspace, actor, 'add portfolios');
  const doc = { workspaceId: workspace._id, key: normaliseKey('key', input.key), name: requireName(input.name) };
  return insertUnique<PortfolioDoc>(() => PortfolioModel.create(doc), `There is already a portfolio ${doc.key}.`);
}

export async function addProgram(ws: WorkspaceId, actor: Actor, input: AddProgramInput): Promise<ProgramDoc> {
  const workspace = await loadWorkspace(ws);
  await assertPmoAdmin(workspace, actor, 'add programs');
  const key = normaliseKey('key', input.key);
  const portfolioKey = input.portfolioKey ? (await requirePortfolio(workspace._id, input.portfolioKey)).key : null;
  const doc = { workspaceId: workspace._id, key, name: requireName(input.name), portfolioKey };
  return insertUnique<ProgramDoc>(() => ProgramModel.create(doc), `There is already a program ${key}.`);
}

export async function addProject(ws: WorkspaceId, actor: Actor, input: AddProjectInput): Promise<ProjectDoc> {
  const workspace = await loadWorkspace(ws);
  await assertPmoAdmin(workspace, actor, 'add projects');
  const key = normaliseKey('key', input.key);
  const parents = await resolveParents(workspace._id, input.programKey, input.portfolioKey);
  const doc = { workspaceId: workspace._id, key, name: requireName(input.name), ...parents, pmId: input.pmId || null };
  return insertUnique<ProjectDoc>(() => ProjectModel.create(doc), `There is already a project ${key}.`);
}

/** Rename, change PM or parents, or close (`active: false`) a project. PMO admin only. */
export async function updateProject(ws: WorkspaceId, actor: Actor, key: string, patch: ProjectPatch): Promise<ProjectDoc> {
  const workspace = await loadWorkspace(ws);
  await assertPmoAdmin(workspace, actor, 'change projects');
  const project = await requireProject(workspace._id, key);
  const set: Partial<ProjectDoc> = {};
  if (patch.name !== undefined) set.name = requireName(patch.name);
  if (patch.pmId !== undefined) set.pmId = patch.pmId || null;
  if (patch.active !== undefined) set.active = patch.active;
  if (patch.programKey !== undefined || patch.portfolioKey !== undefined) {
    const programKey = patch.programKey !== undefined ? patch.programKey : project.programKey;
    const portfolioKey = patch.portfolioKey !== undefined ? patch.portfolioKey : patch.programKey ? null : project.portfolioKey;
    Object.assign(set, await resolveParents(workspace._id, programKey, portfolioKey));
  }
  const updated = await ProjectModel.findOneAndUpdate({ workspaceId: workspace._id, _id: project._id }, { $set: set }, { new: true }).lean<ProjectDoc>();
  return updated ?? project;
}

export async function listPortfolios(ws: WorkspaceId): Promise<PortfolioDoc[]> {
  return PortfolioModel.find({ workspaceId: toWorkspaceId(ws) }).sort({ key: 1 }).lean<PortfolioDoc[]>();
}

export async function listPrograms(ws: WorkspaceId, filter: { portfolioKey?: string } = {}): Promise<ProgramDoc[]> {
  const query = { workspaceId: toWorkspaceId(ws), ...(filter.portfolioKey ? { portfolioKey: filter.portfolioKey.toUpperCase() } : {}) };
  return ProgramModel.find(query).sort({ key: 1 }).lean<ProgramDoc[]>();
}

export interface ProjectFilter { portfolioKey?: string; programKey?: string; pmId?: string; includeClosed?: boolean }

export async function listProjects(ws: WorkspaceId, filter: ProjectFilter = {}): Promise<ProjectDoc[]> {
  const query: Record<string, unknown> = { workspaceId: toWorkspaceId(ws) };
  if (filter.portfolioKey) query.portfolioKey = filter.portfolioKey.toUpperCase();
  if (filter.programKey) query.programKey = filter.programKey.toUpperCase();
  if (filter.pmId) query.pmId = filter.pmId;
  if (!filter.includeClosed) query.active = true;
  return ProjectModel.find(query).sort({ key: 1 }).lean<ProjectDoc[]>();
}

export async function getProject(ws: WorkspaceId, key: string): Promise<ProjectDoc | null> {
  return ProjectModel.findOne({ workspaceId: toWorkspaceId(ws), key: key.trim().toUpperCase() }).lean<ProjectDoc>();
}

export async function getPortfolio(ws: WorkspaceId, key: string): Promise<PortfolioDoc | null> {
  return PortfolioModel.findOne({ workspaceId: toWorkspaceId(ws), key: key.trim().toUpperCase() }).lean<PortfolioDoc>();
}

/** The project `key` names in this workspace, or `not_found` naming the field. */
export async function requireProject(workspaceId: Types.ObjectId, key: string, field = 'project'): Promise<ProjectDoc> {
  const project = await getProject(workspaceId, key);
  if (!project) throw new PmoError('not_found', `There is no project ${key.trim().toUpperCase()} in this workspace.`, { field });
  return project;
}

export async function requirePortfolio(workspaceId: Types.ObjectId, key: string): Promise<PortfolioDoc> {
  const portfolio = await getPortfolio(workspaceId, key);
  if (!portfolio) {
    throw new PmoError('not_found', `There is no portfolio ${key.trim().toUpperCase()} in this workspace.`, { field: 'portfolio' });
  }
  return portfolio;
}

/** A project's program and portfolio must exist and agree; the portfolio defaults to the program's. */
async function resolveParents(
  workspaceId: Types.ObjectId,
  programKey: string | null | undefined,
  portfolioKey: string | null | undefined,
): Promise<{ programKey: string | null; portfolioKey: string | null }> {
  const portfolio = portfolioKey ? (await requirePortfolio(workspaceId, portfolioKey)).key : null;
  if (!programKey) return { programKey: null, portfolioKey: portfolio };
  const program = await ProgramModel.findOne({ workspaceId, key: programKey.trim().toUpperCase() }).lean<ProgramDoc>();
  if (!program) {
    throw new PmoError('not_found', `There is no program ${programKey.trim().toUpperCase()} in this workspace.`, { field: 'program' });
  }
  if (portfolio && program.portfolioKey && program.portfolioKey !== portfolio) {
    throw invalid('portfolio', `Program ${program.key} belongs to portfolio ${program.portfolioKey}, not ${portfolio}.`);
  }
  return { programKey: program.key, portfolioKey: portfolio ?? program.portfolioKey ?? null };
}

/** Inserts and returns the stored document; the unique key index turns a duplicate into `conflict`. */
async function insertUnique<D>(insert: () => Promise<{ toObject(): unknown }>, conflict: string): Promise<D> {
  try {
    return (await insert()).toObject() as D;
  } catch (err) {
    if (isDuplicateKeyError(err)) throw new PmoError('conflict', conflict, { original: err });
    throw err;
  }
}
