import type { Types } from 'mongoose';
import { PortfolioModel, ProjectModel, type ExecChannel, type PortfolioDoc, type ProjectChannel, type ProjectDoc } from '../../models';
import { PLATFORMS, type Actor } from '../domain';
import { loadWorkspace, toWorkspaceId, type WorkspaceId } from './context';
import { invalid } from './errors';
import { requirePortfolio, requireProject } from './hierarchy.service';
import { assertPmoAdmin } from './permissions';

/**
 * `link PROJECT` in a channel: binds it to the project (so `project=` defaults to it there). A
 * channel belongs to one project at a time, so it is unlinked from any other first. Arrays are
 * rewritten whole: FerretDB's `$pull` does not take a condition.
 */
export async function linkChannel(
  ws: WorkspaceId,
  actor: Actor,
  projectKey: string,
  channel: ProjectChannel,
): Promise<{ project: ProjectDoc; movedFrom: string[] }> {
  const workspace = await loadWorkspace(ws);
  await assertPmoAdmin(workspace, actor, 'link channels to projects');
  const link = checkChannel(channel);
  const project = await requireProject(workspace._id, projectKey);
  const others = await ProjectModel.find({
    workspaceId: workspace._id,
    'channels.channelId': link.channelId,
    _id: { $ne: project._id },
  }).lean<ProjectDoc[]>();
  for (const other of others) {
    const channels = other.channels.filter((c) => !sameChannel(c, link));
    await ProjectModel.updateOne({ workspaceId: workspace._id, _id: other._id }, { $set: { channels } });
  }
  const channels = [...project.channels.filter((c) => !sameChannel(c, link)), link];
  const updated = await ProjectModel.findOneAndUpdate(
    { workspaceId: workspace._id, _id: project._id },
    { $set: { channels } },
    { new: true },
  ).lean<ProjectDoc>();
  return { project: updated ?? project, movedFrom: others.filter((o) => o.channels.some((c) => sameChannel(c, link))).map((o) => o.key) };
}

/** `link exec PORTFOLIO`: the channel gets that portfolio's digest. Idempotent. */
export async function linkExecChannel(
  ws: WorkspaceId,
  actor: Actor,
  portfolioKey: string,
  channel: ProjectChannel & { conversationRefId?: Types.ObjectId | null },
): Promise<PortfolioDoc> {
  const workspace = await loadWorkspace(ws);
  await assertPmoAdmin(workspace, actor, 'make a channel an exec channel');
  const link: ExecChannel = { ...checkChannel(channel), conversationRefId: channel.conversationRefId ?? null };
  const portfolio = await requirePortfolio(workspace._id, portfolioKey);
  const kept = portfolio.execChannels.filter((c) => !sameChannel(c, link));
  const updated = await PortfolioModel.findOneAndUpdate(
    { workspaceId: workspace._id, _id: portfolio._id },
    { $set: { execChannels: [...kept, link] } },
    { new: true },
  ).lean<PortfolioDoc>();
  return updated ?? portfolio;
}

/** The active project linked to a channel: the `project=` default there. */
export async function projectForChannel(ws: WorkspaceId, channelId: string): Promise<ProjectDoc | null> {
  if (!channelId) return null;
  return ProjectModel.findOne({ workspaceId: toWorkspaceId(ws), 'channels.channelId': channelId, active: true }).lean<ProjectDoc>();
}

/** Portfolios whose exec channels include this one (e.g. for `digest` typed in an exec channel). */
export async function portfoliosForExecChannel(ws: WorkspaceId, channelId: string): Promise<PortfolioDoc[]> {
  return PortfolioModel.find({ workspaceId: toWorkspaceId(ws), 'execChannels.channelId': channelId }).sort({ key: 1 }).lean<PortfolioDoc[]>();
}

function checkChannel(channel: ProjectChannel): ProjectChannel {
  if (!PLATFORMS.includes(channel.platform)) throw invalid('platform', `Unknown platform "${channel.platform}".`);
  if (!channel.channelId) throw invalid('channel', 'Link from inside a channel (I could not tell which channel this is).');
  return { platform: channel.platform, channelId: channel.channelId };
}

function sameChannel(a: ProjectChannel, b: ProjectChannel): boolean {
  return a.platform === b.platform && a.channelId === b.channelId;
}
