import type { Installation, InstallationQuery, InstallationStore } from '@slack/oauth';
import { SlackInstallationModel, WorkspaceModel, type SlackInstallationDoc } from '../../models';
import { ensurePerson, ensureWorkspace } from '../../core/services';

/**
 * bolt's installation store in MongoDB, one installation per workspace. Storing an install also
 * creates the workspace and makes the installing user its PMO admin (SPEC §2). Org-wide
 * (Enterprise Grid) installs are not offered: the manifest leaves org_deploy_enabled off.
 */
export class MongoInstallationStore implements InstallationStore {
  constructor(private readonly defaults: { timeZone: string }) {}

  async storeInstallation(installation: Installation): Promise<void> {
    const team = installation.team;
    if (installation.isEnterpriseInstall || !team?.id) throw new Error('org-wide Slack installs are not supported; install the app in a workspace');
    const workspace = await ensureWorkspace('slack', team.id, team.name, this.defaults);
    await SlackInstallationModel.findOneAndUpdate(
      { workspaceId: workspace._id },
      {
        $set: {
          teamId: team.id,
          enterpriseId: installation.enterprise?.id ?? null,
          installerUserId: installation.user.id,
          botUserId: installation.bot?.userId ?? null,
          installation: JSON.stringify(installation),
        },
      },
      { upsert: true, new: true },
    );
    await ensurePerson(workspace._id, installation.user.id, '', { installer: true });
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    const doc = await this.find(query);
    if (!doc) throw new Error(`no Slack installation for team ${query.teamId ?? query.enterpriseId ?? '?'}`);
    return JSON.parse(doc.installation) as Installation;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    const doc = await this.find(query);
    if (doc) await SlackInstallationModel.deleteOne({ workspaceId: doc.workspaceId });
  }

  private async find(query: InstallationQuery<boolean>): Promise<SlackInstallationDoc | null> {
    if (!query.teamId) return null;
    const workspace = await WorkspaceModel.findOne({ platform: 'slack', externalId: query.teamId }, { _id: 1 }).lean();
    if (!workspace) return null;
    return SlackInstallationModel.findOne({ workspaceId: workspace._id }).lean<SlackInstallationDoc>();
  }
}
