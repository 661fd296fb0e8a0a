import type { Installation, InstallationQuery, InstallationStore } from '@slack/oauth';
import type { Logger } from 'pino';
import { SlackInstallationModel, WorkspaceModel, type SlackInstallationDoc } from '../../models';
import { ensurePerson, ensureWorkspace } from '../../core/services';
import type { Config } from '../config';
import { SecretBox, SecretBoxError } from '../security/secret-box';

/** A stored installation no configured key opens (or not this team's): that team's requests fail until it is fixed. */
export class InstallationUnreadableError extends Error {
  readonly code = 'slack_installation_unreadable';
  constructor(readonly teamId: string, reason: string) {
    super(`the stored Slack installation of team ${teamId} cannot be read: ${reason}`);
    this.name = 'InstallationUnreadableError';
  }
}

/** No installation is stored for the team: its requests are refused, not tried again. */
export class InstallationMissingError extends Error {
  readonly code = 'slack_installation_missing';
  constructor(readonly teamId: string) {
    super(`no Slack installation for team ${teamId}`);
    this.name = 'InstallationMissingError';
  }
}

export interface InstallationStoreDeps {
  timeZone: string;
  /** Seals installations with PMO_ENCRYPTION_KEY; opens with it or PMO_ENCRYPTION_KEYS_PREVIOUS. */
  box: SecretBox;
  logger: Logger;
}

export interface SweepReport {
  /** Stored in plain text before encryption existed, now sealed. */
  encrypted: number;
  /** Sealed with a previous key, now sealed with the current one. */
  reencrypted: number;
  unreadable: string[];
  /** Readable, but its move to the current key could not be written: still under its old key (or plain). */
  notMoved: string[];
  total: number;
}

/** The additional authenticated data: an envelope opens only for the team it was sealed for. */
const contextOf = (teamId: string): string => `slack-installation:${teamId}`;

/**
 * bolt's installation store in MongoDB, one installation per workspace, sealed whole (bot, user
 * and refresh tokens, incoming webhook) with AES-256-GCM. Storing an install also creates the
 * workspace and makes the installing user its PMO admin (SPEC §2). Org-wide (Enterprise Grid)
 * installs are not offered: the manifest leaves org_deploy_enabled off.
 */
export class MongoInstallationStore implements InstallationStore {
  constructor(private readonly deps: InstallationStoreDeps) {}

  async storeInstallation(installation: Installation): Promise<void> {
    const team = installation.team;
    if (installation.isEnterpriseInstall || !team?.id) throw new Error('org-wide Slack installs are not supported; install the app in a workspace');
    const workspace = await ensureWorkspace('slack', team.id, team.name, { timeZone: this.deps.timeZone });
    await SlackInstallationModel.findOneAndUpdate(
      { workspaceId: workspace._id },
      {
        $set: {
          teamId: team.id,
          enterpriseId: installation.enterprise?.id ?? null,
          installerUserId: installation.user.id,
          botUserId: installation.bot?.userId ?? null,
          installation: this.deps.box.seal(JSON.stringify(installation), contextOf(team.id)),
        },
      },
      { upsert: true, new: true },
    );
    await ensurePerson(workspace._id, installation.user.id, '', { installer: true });
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    const doc = await this.find(query);
    if (!doc || !query.teamId) throw new InstallationMissingError(query.teamId ?? query.enterpriseId ?? '?');
    return (await this.read(doc, query.teamId)).installation;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    const doc = await this.find(query);
    if (doc) await SlackInstallationModel.deleteOne({ workspaceId: doc.workspaceId });
  }

  /**
   * Start-up: seals rows stored in plain text and moves rows sealed with a previous key to the
   * current one, so an old key can be dropped once every instance has logged this. A full scan:
   * one row per workspace, read once per start.
   */
  async sweep(): Promise<SweepReport> {
    const report: SweepReport = { encrypted: 0, reencrypted: 0, unreadable: [], notMoved: [], total: 0 };
    for await (const doc of SlackInstallationModel.find({}).lean<SlackInstallationDoc>().cursor()) {
      report.total++;
      const before = this.state(doc);
      let moved: boolean;
      try {
        moved = (await this.read(doc, doc.teamId)).moved;
      } catch {
        report.unreadable.push(doc.teamId); // read() has logged why, naming the team
        continue;
      }
      if (!moved) report.notMoved.push(doc.teamId);
      else if (before === 'plain') report.encrypted++;
      else if (before === 'previous') report.reencrypted++;
    }
    const { keyId } = this.deps.box;
    const left = [...report.unreadable, ...report.notMoved];
    const fields = { keyId, ...report, unreadable: report.unreadable.length ? report.unreadable : undefined, notMoved: report.notMoved.length ? report.notMoved : undefined };
    if (left.length) {
      this.deps.logger.warn(fields, `Slack installations: ${left.length} of ${report.total} are not under the current key ${keyId} (cannot be read: ${report.unreadable.join(', ') || 'none'}; could not be rewritten, tried again on read: ${report.notMoved.join(', ') || 'none'}); keep the previous keys until this says all`);
    } else {
      this.deps.logger.info(fields, `Slack installations: all ${report.total} encrypted with the current key ${keyId} (${report.encrypted} from plain text, ${report.reencrypted} from a previous key)`);
    }
    return report;
  }

  private state(doc: SlackInstallationDoc): 'plain' | 'current' | 'previous' {
    if (!SecretBox.isSealed(doc.installation)) return 'plain';
    return doc.installation.split('.')[1] === this.deps.box.keyId ? 'current' : 'previous';
  }

  /**
   * Opens a row for `teamId`, sealing it with the current key when it was plain or under an old
   * key; `moved` says whether the row is now under the current key.
   */
  private async read(doc: SlackInstallationDoc, teamId: string): Promise<{ installation: Installation; moved: boolean }> {
    let opened: { installation: Installation; plaintext: string; reseal: boolean };
    try {
      opened = this.open(doc, teamId);
    } catch (err) {
      const reason = err instanceof SecretBoxError ? err.message : err instanceof SyntaxError ? 'it is neither an encrypted envelope nor JSON' : (err as Error).message;
      this.deps.logger.error(
        { team: teamId, code: err instanceof SecretBoxError ? err.code : 'unreadable', keyIds: this.deps.box.keyIds },
        `Slack team ${teamId}: its stored installation cannot be read (${reason}); its requests fail until PMO_ENCRYPTION_KEY or PMO_ENCRYPTION_KEYS_PREVIOUS holds the key it was stored with, or the app is installed there again`,
      );
      throw new InstallationUnreadableError(teamId, reason);
    }
    let moved = true;
    if (opened.reseal) {
      moved = await this.reseal(doc, opened.plaintext, teamId).then(
        () => true,
        (err: Error) => {
          this.deps.logger.warn({ team: teamId, err: err.message }, `Slack team ${teamId}: could not store its installation encrypted with the current key; tried again on the next read`);
          return false;
        },
      );
    }
    return { installation: opened.installation, moved };
  }

  private open(doc: SlackInstallationDoc, teamId: string): { installation: Installation; plaintext: string; reseal: boolean } {
    const opened = SecretBox.isSealed(doc.installation) ? this.deps.box.open(doc.installation, contextOf(teamId)) : undefined;
    // A row without an envelope was stored before installations were encrypted.
    const plaintext = opened ? opened.plaintext : doc.installation;
    const installation = JSON.parse(plaintext) as Installation;
    if (installation.team?.id !== teamId) throw new Error('it belongs to another team');
    return { installation, plaintext, reseal: !opened?.current };
  }

  /** Conditional on the row being unchanged, so a fresh install racing with this is never overwritten. */
  private async reseal(doc: SlackInstallationDoc, plaintext: string, teamId: string): Promise<void> {
    const sealed = this.deps.box.seal(plaintext, contextOf(teamId));
    const { modifiedCount } = await SlackInstallationModel.updateOne({ _id: doc._id, installation: doc.installation }, { $set: { installation: sealed } });
    if (modifiedCount) this.deps.logger.info({ team: teamId, keyId: this.deps.box.keyId }, `Slack team ${teamId}: installation encrypted with the current key`);
  }

  private async find(query: InstallationQuery<boolean>): Promise<SlackInstallationDoc | null> {
    if (!query.teamId) return null;
    const workspace = await WorkspaceModel.findOne({ platform: 'slack', externalId: query.teamId }, { _id: 1 }).lean();
    if (!workspace) return null;
    return SlackInstallationModel.findOne({ workspaceId: workspace._id }).lean<SlackInstallationDoc>();
  }
}

/**
 * The store Slack OAuth mode uses: sealed with the configured key (config refuses OAuth mode
 * without one), its start-up sweep begun in the background; `swept` settles when it is done.
 */
export function openInstallationStore(deps: { timeZone: string; security: Config['security']; logger: Logger }): MongoInstallationStore & { swept: Promise<SweepReport | undefined> } {
  const { encryptionKey, previousKeys } = deps.security;
  if (!encryptionKey) throw new Error('Slack OAuth mode needs PMO_ENCRYPTION_KEY: installation tokens are stored encrypted with it');
  const store = new MongoInstallationStore({ timeZone: deps.timeZone, box: new SecretBox(encryptionKey, previousKeys), logger: deps.logger });
  const swept = store.sweep().catch((err: Error) => {
    deps.logger.error({ err: err.message }, 'Slack installations: the start-up encryption sweep failed; rows are still encrypted when first read');
    return undefined;
  });
  return Object.assign(store, { swept });
}
