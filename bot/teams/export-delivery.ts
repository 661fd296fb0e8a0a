// How an export reaches someone over Bot Framework: in Teams a file-consent card in their personal
// chat (sent there from a channel or group chat) and the upload once they allow it; in the local
// chat, which has no file consent, a signed download link.
import type { Activity, FileConsentCardResponse, TurnContext } from 'botbuilder';
import type { Logger } from 'pino';
import { describeExport, type ExportSpec } from '../../core/runner/export-spec';
import { PmoError } from '../../core/services';
import { loadWorkspace } from '../../core/services/context';
import { LOCAL_CHANNEL_ID } from '../local';
import { measureExport, writeExportFile, type ExportFile, type ExportLinks } from '../files';
import { CONSENT_MAX_AGE_MS, consentCard, fileInfoCard, readConsentContext, readUploadInfo, rowsText, UPLOAD_CHUNK, uploadToSession } from './file-consent';
import { sendToPersonalChat } from './personal-chat';
import { conversationKind, workspaceOf } from './turn';

/** The presenter's stand-in for a file reply; deliverPending replaces it before anything is sent. */
export const EXPORT_PENDING = 'application/vnd.pmo-assistant.export+json';

const NO_PERSONAL_CHAT =
  'I could not open a personal chat with you to send the file. Open PMO Assistant from Apps in Teams, say hi there, and run the export again.';

export interface TeamsExportDeliveryOptions {
  /** MicrosoftAppId; empty in local mode. */
  appId: string;
  links: ExportLinks;
  logger: Logger;
  /** Upload range size; tests make it small to see several ranges. */
  chunkBytes?: number;
}

/** The activity the Teams presenter answers a file reply with. */
export function pendingExportActivity(spec: ExportSpec): Partial<Activity> {
  return { type: 'message', text: `Preparing ${spec.filename}…`, attachments: [{ contentType: EXPORT_PENDING, content: spec }] };
}

export class TeamsExportDelivery {
  constructor(private readonly options: TeamsExportDeliveryOptions) {}

  /** Replaces each pending export among a turn's outgoing activities (onSendActivities) with what delivers it here. */
  async deliverPending(context: TurnContext, activities: Partial<Activity>[], now: Date): Promise<void> {
    for (let i = 0; i < activities.length; i++) {
      const pending = activities[i].attachments?.find((a) => a.contentType === EXPORT_PENDING);
      if (!pending) continue;
      const { attachments: _pending, ...rest } = activities[i];
      activities[i] = { ...rest, ...(await this.offer(context, pending.content as ExportSpec, now)) };
    }
  }

  /** The user allowed the upload: the export is made again under their permission now and put where Teams said. */
  async accept(context: TurnContext, response: FileConsentCardResponse, now: Date): Promise<void> {
    await context.sendActivity(await this.upload(context, response, now));
  }

  /** The file card once uploaded, or the line saying why nothing was sent. */
  private async upload(context: TurnContext, response: FileConsentCardResponse, now: Date): Promise<Partial<Activity>> {
    const spec = readConsentContext(response.context);
    if (!spec) return { text: 'I cannot read this file offer, so I sent nothing. Run the export again.' };
    const problem = await this.consentProblem(context, spec, now);
    if (problem) return { text: problem };
    const upload = readUploadInfo(response.uploadInfo);
    if (!upload) return { text: `Teams did not say where to put ${spec.filename}, so I sent nothing. Please try again.` };
    let file: ExportFile;
    try {
      file = await writeExportFile(spec, now);
    } catch (err) {
      if (err instanceof PmoError) return { text: err.message };
      throw err;
    }
    try {
      await uploadToSession(upload.uploadUrl, file, this.options.chunkBytes ?? UPLOAD_CHUNK);
    } catch (err) {
      this.options.logger.warn({ err: (err as Error).message, bytes: file.bytes }, 'could not upload an export to the user’s OneDrive');
      return { text: `I could not upload ${spec.filename} to your OneDrive. Please run the export again.` };
    } finally {
      await file.dispose();
    }
    return { type: 'message', text: `Here is ${upload.name} (${rowsText(file.rows)}).`, attachments: [fileInfoCard(upload)] };
  }

  async decline(context: TurnContext, response: FileConsentCardResponse): Promise<void> {
    const spec = readConsentContext(response.context);
    await context.sendActivity(spec ? `OK, not sent: ${spec.filename}.` : 'OK, not sent.');
  }

  private async offer(context: TurnContext, spec: ExportSpec, now: Date): Promise<Partial<Activity>> {
    const { activity } = context;
    const link = this.options.links.url(spec);
    const valid = `the link works for ${this.options.links.minutes} minutes`;
    if (workspaceOf(activity).platform !== 'teams') {
      return { text: `Download ${spec.filename} (${valid}): [${spec.filename}](${link ?? localLink(activity, this.options.links.path(spec))})` };
    }
    let size: { bytes: number; rows: number };
    try {
      size = await measureExport(spec, now);
    } catch (err) {
      if (err instanceof PmoError) return { text: err.message };
      throw err;
    }
    const also = link ? ` Or download it (${valid}): [${spec.filename}](${link})` : '';
    const offer: Partial<Activity> = {
      type: 'message',
      text: `${describeExport(spec)}: ${rowsText(size.rows)}. Choose Allow and I will put ${spec.filename} in your OneDrive.${also}`,
      attachments: [consentCard(spec, size)],
    };
    // Teams takes file consent only in a personal chat; the link stays out of a channel's view too.
    if (conversationKind(activity) === 'personal') return offer;
    const sent = await sendToPersonalChat(context, { appId: this.options.appId, workspaceId: spec.workspaceId, userId: spec.userId, logger: this.options.logger }, offer);
    return { text: sent ? `I sent you ${spec.filename} in our personal chat.` : NO_PERSONAL_CHAT };
  }

  /** Why a consent coming back may not be honoured here, or undefined when it may. */
  private async consentProblem(context: TurnContext, spec: ExportSpec, now: Date): Promise<string | undefined> {
    const again = `Type export ${spec.register === 'status' ? 'status' : `${spec.register}s`}${spec.project ? ` project=${spec.project}` : ''} for a fresh one.`;
    const here = (() => {
      try {
        return workspaceOf(context.activity);
      } catch {
        return undefined;
      }
    })();
    const workspace = await loadWorkspace(spec.workspaceId).catch(() => undefined);
    const sameWorkspace = here && workspace && workspace.platform === here.platform && workspace.externalId === here.externalId;
    if (!sameWorkspace || context.activity.from?.id !== spec.userId) return `This file offer is not valid here, so I sent nothing. ${again}`;
    if (now.getTime() - Date.parse(spec.requestedAt) > CONSENT_MAX_AGE_MS) return `This file offer has expired. ${again}`;
    return undefined;
  }
}

/**
 * Without PUBLIC_URL: in our local chat, the address the browser reached this server on (its
 * serviceUrl, made by bot/local from that connection), since Web Chat shows a relative link as a
 * citation button, not a link; elsewhere (the Emulator) the path alone.
 */
function localLink(activity: Partial<Activity>, path: string): string {
  if (activity.channelId !== LOCAL_CHANNEL_ID) return path;
  try {
    return `${new URL(String(activity.serviceUrl)).origin}${path}`;
  } catch {
    return path;
  }
}
