import { promises as fs } from 'node:fs';
import type { ResourceResponse } from 'botbuilder';
import type { Logger } from 'pino';
import { BLOCK_LIMITS, checkMessage, checkModal, escapeMrkdwn, formModal, formSubmitData, listMessage, type Block, type SlackMessage, type SlackModalView } from '../../cards/blocks';
import { CARD_VERBS } from '../../cards/verbs';
import { PmoError } from '../../core/services';
import { writeExportFile, type ExportFile } from '../files';
import type { SlackApi } from './api';
import { uploadToSlack } from './file-upload';
import { confirmationModal, doneModal } from './modals';
import { fileMessage, textMessage, type SlackReply } from './presenter';
import { encodeMetadata, placeOf, type SlackTurn } from './slack-turn';

type Posted = { ts?: string; view?: { id?: string } };

/** The Slack error code of a Web API refusal (`not_in_channel`, `expired_trigger_id`…). */
export const slackErrorOf = (err: unknown): string | undefined => (err as { data?: { error?: string } } | null)?.data?.error;

const UNREACHABLE = ['not_in_channel', 'channel_not_found', 'is_archived'];
/** A modal whose closing cancels its dialog (Slack then sends view_closed), so no form is left half-open. */
const closable = (view: SlackModalView): SlackModalView => ({ ...view, notify_on_close: true }) as SlackModalView;

/** CSV small enough (bytes) to try showing inline when it cannot be attached (then only if it fits a section, escaped). */
const INLINE_CSV = 2_800;

/**
 * Puts one turn's replies where Slack shows them: into the modal the turn came from
 * (views.update), a new modal for a form when there is a trigger id (views.open), the thread or
 * DM (chat.postMessage), or the slash command's response_url (ephemeral, or in_channel for saves).
 */
export class TurnDelivery {
  private modalAnswered = false;
  private triggerUsed = false;
  private readonly modalBlocks: Block[] = [];

  constructor(
    private readonly turn: SlackTurn,
    private readonly api: SlackApi,
    private readonly logger: Logger,
    /** What the user typed this turn. */
    private readonly typed?: string,
  ) {}

  async send(reply: SlackReply): Promise<ResourceResponse> {
    if (this.turn.source === 'closed') return { id: '' }; // the user closed the modal: nothing to show
    switch (reply.kind) {
      case 'form':
        return this.form(reply);
      case 'confirmation':
        if (this.turn.viewId) {
          const { command, formId } = reply.confirmation;
          const data = { verb: CARD_VERBS.confirmSave, command, ...(formId ? { form: formId } : {}) };
          const shown = await this.updateModal(closable(confirmationModal(reply.confirmation, this.metadata(data))));
          if (shown) return shown;
        }
        return this.post(reply.message);
      case 'file':
        return this.file(reply);
      case 'modal':
        // Sent with the view's hash when the turn had it, so an update racing another is refused, not applied twice.
        return (this.turn.viewId ? await this.updateModal(reply.view, this.turn.viewHash) : undefined) ?? { id: '' };
      default: {
        // A list's page buttons carry the typed command, so More keeps its filters (mine, project=…).
        const command = /^list\b/i.test(this.typed ?? '') ? this.typed : undefined;
        const message = reply.list ? listMessage(reply.list, { ...this.turn.page, command }) : reply.message;
        if (!this.turn.viewId) return this.post(message, { announce: reply.announce, replace: this.turn.page !== undefined });
        this.modalBlocks.push(...message.blocks);
        // Saves are for the team to see, in the channel the modal was opened from, too.
        if (reply.announce) await this.post(message, { announce: true }).catch((err: Error) => this.logger.warn({ err: err.message }, 'could not announce in the channel'));
        return { id: '' };
      }
    }
  }

  /** A modal submit that answered nothing new shows its outcome (or "Done.") in place of "Working on it…". */
  async finish(): Promise<void> {
    if (!this.turn.viewId || this.modalAnswered) return;
    if (this.turn.source !== 'view' && this.modalBlocks.length === 0) return;
    await this.updateModal(doneModal(this.turn.viewTitle, this.modalBlocks, this.metadata()));
  }

  private metadata(data?: Record<string, unknown>): string {
    return encodeMetadata({ ...(data ? { data } : {}), at: placeOf(this.turn) });
  }

  private async form(reply: Extract<SlackReply, { kind: 'form' }>): Promise<ResourceResponse> {
    const modal = closable(formModal(reply.form, this.metadata(formSubmitData(reply.form))));
    const shown = this.turn.viewId ? await this.updateModal(modal) : undefined;
    if (shown) return shown;
    if (this.turn.triggerId && !this.triggerUsed && !this.turn.viewId) {
      this.triggerUsed = true;
      try {
        const opened = await this.api.call<Posted & { ok: boolean }>('views.open', { trigger_id: this.turn.triggerId, view: this.checkedModal(modal) });
        return { id: opened.view?.id ?? '' };
      } catch (err) {
        // The trigger lives 3 seconds; past it the form comes as a message with inputs instead.
        this.logger.info({ error: slackErrorOf(err) ?? (err as Error).message }, 'could not open the form modal; sending it as a message');
      }
    }
    return this.post(reply.message);
  }

  /** The modal the turn came from, updated; undefined when it is gone (closed meanwhile), so the answer is posted instead. */
  private async updateModal(view: SlackModalView, hash?: string): Promise<ResourceResponse | undefined> {
    this.modalAnswered = true;
    try {
      await this.api.call('views.update', { view_id: this.turn.viewId, ...(hash ? { hash } : {}), view: this.checkedModal(view) });
      return { id: this.turn.viewId ?? '' };
    } catch (err) {
      this.logger.info({ error: slackErrorOf(err) ?? (err as Error).message }, 'could not update the modal; answering in the conversation');
      return undefined;
    }
  }

  /** An export: made into a temp file (Slack wants the length first), uploaded here, deleted. */
  private async file(reply: Extract<SlackReply, { kind: 'file' }>): Promise<ResourceResponse> {
    const spec = reply.export;
    let file: ExportFile;
    try {
      file = await writeExportFile(spec, new Date(spec.requestedAt));
    } catch (err) {
      if (err instanceof PmoError) return this.post(textMessage(err.message));
      throw err;
    }
    // The link is a bearer credential for the asker's export: in a DM with the file, elsewhere to the asker alone (or not at all).
    const inDm = this.turn.channelType === 'im';
    try {
      const comment = inDm ? reply.message.text : textMessage(`Here is ${spec.filename}.`).text;
      await uploadToSlack(this.api, file, { channel: this.turn.channel, threadTs: this.turn.threadTs, comment });
      if (!inDm && reply.link && this.turn.responseUrl) {
        await this.api.respond(this.turn.responseUrl, { ...fileMessage('For you only:', reply.link), response_type: 'ephemeral', replace_original: false });
      }
      return { id: '' };
    } catch (err) {
      this.logger.info({ error: slackErrorOf(err) ?? (err as Error).message }, 'could not attach the export here');
      const line = `I cannot attach files in this conversation; invite me here or DM me the command for ${spec.filename}.`;
      const note = fileMessage(line, inDm || this.turn.responseUrl ? reply.link : undefined);
      const csv = file.bytes <= INLINE_CSV ? `\`\`\`${escapeMrkdwn((await fs.readFile(file.path, 'utf8')).replace(/^\uFEFF/, ''))}\`\`\`` : '';
      if (csv && csv.length <= BLOCK_LIMITS.sectionText) note.blocks.push({ type: 'section', text: { type: 'mrkdwn', text: csv } });
      return this.post(note);
    } finally {
      await file.dispose();
    }
  }

  /**
   * In a channel (not a thread), what only the asker needs (a form, a list, an error) goes to them
   * alone through the response_url, and a slash command's saves go in_channel the same way (the bot
   * may not be a member). Threads, DMs and announcements from buttons and modals are posted, falling
   * back to the response_url where the bot cannot post.
   */
  private async post(message: SlackMessage, opts: { announce?: boolean; replace?: boolean } = {}): Promise<ResourceResponse> {
    const { turn } = this;
    const body = this.checkedMessage(message);
    const respond = async (): Promise<ResourceResponse> => {
      await this.api.respond(turn.responseUrl ?? '', {
        ...body,
        // A reply meant for a thread never lands at the channel's top level: the asker alone gets it.
        response_type: opts.announce && turn.threadTs === undefined ? 'in_channel' : 'ephemeral',
        ...(opts.replace ? { replace_original: true } : { replace_original: false }),
      });
      return { id: '' };
    };
    const inChannel = turn.channelType !== 'im' && turn.threadTs === undefined;
    const privately = inChannel && (!opts.announce || turn.source === 'command');
    if (turn.responseUrl && (opts.replace || turn.ephemeral || privately)) return respond();
    try {
      const posted = await this.api.call<Posted & { ok: boolean }>('chat.postMessage', {
        channel: turn.channel,
        ...(turn.threadTs ? { thread_ts: turn.threadTs } : {}),
        ...body,
      });
      return { id: posted.ts ?? '' };
    } catch (err) {
      if (turn.responseUrl && UNREACHABLE.includes(slackErrorOf(err) ?? '')) return respond();
      throw err;
    }
  }

  /** The guard before sending: blocks Slack would refuse are logged and dropped for the text alone. */
  private checkedMessage(message: SlackMessage): SlackMessage {
    const problems = checkMessage(message);
    if (problems.length === 0) return message;
    this.logger.warn({ problems: problems.slice(0, 5) }, 'Block Kit message over its limits; sending the text alone');
    return { text: message.text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text: message.text.slice(0, 3000) || ' ' } }] };
  }

  private checkedModal(view: SlackModalView): SlackModalView {
    const problems = checkModal(view);
    if (problems.length > 0) this.logger.warn({ problems: problems.slice(0, 5), callback: view.callback_id }, 'Block Kit modal over its limits');
    return view;
  }
}
