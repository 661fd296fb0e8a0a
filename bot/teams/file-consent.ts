// The Teams file-consent contract (bots-filesv4): the consent card, what comes back on accept,
// the upload into the user's OneDrive upload session, and the file info card that shows the file.
import type { Attachment, FileConsentCard, FileInfoCard } from 'botbuilder';
import { describeExport, readExportSpec, type ExportSpec } from '../../core/runner/export-spec';
import { isUploadUrl, sendFileRange, type ExportFile } from '../files';

export const FILE_CONSENT = 'application/vnd.microsoft.teams.card.file.consent';
export const FILE_INFO = 'application/vnd.microsoft.teams.card.file.info';
/** OneDrive takes ranges in multiples of 320 KiB, under 60 MiB a request; 10 MiB is its suggested size. */
export const UPLOAD_CHUNK = 32 * 320 * 1024;
/** A consent accepted later than this is refused: the user asks again and gets today's file name. */
export const CONSENT_MAX_AGE_MS = 24 * 3_600_000;

/** What `uploadInfo` must hold for the bot to upload and then show the file. */
export interface UploadInfo {
  name: string;
  uploadUrl: string;
  contentUrl: string;
  uniqueId: string;
  fileType: string;
}

/** The card asking the user to let the bot put the file in their OneDrive; both contexts carry the export. */
export function consentCard(spec: ExportSpec, size: { bytes: number; rows: number }): Attachment {
  const context = { export: spec };
  const content: FileConsentCard = {
    description: `${describeExport(spec)}: ${rowsText(size.rows)}, CSV`,
    sizeInBytes: size.bytes,
    acceptContext: context,
    declineContext: context,
  };
  return { contentType: FILE_CONSENT, name: spec.filename, content };
}

/**
 * The export a consent's context names, or null when it is not one of ours. The context comes back
 * from the client unsigned, so it vouches for no admin rights: Teams never grants them through the
 * adapter (only the local chat does, and it gets signed links instead), and the permission of the
 * person who accepts is read afresh from the workspace.
 */
export function readConsentContext(context: unknown): ExportSpec | null {
  if (typeof context !== 'object' || context === null) return null;
  const spec = readExportSpec((context as { export?: unknown }).export);
  if (!spec) return null;
  const { platformAdmin: _unvouched, ...rest } = spec;
  return rest;
}

export function readUploadInfo(value: unknown): UploadInfo | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const text = (x: unknown): x is string => typeof x === 'string' && x.length > 0 && x.length <= 4096;
  if (!isUploadUrl(v.uploadUrl) || !text(v.name) || !text(v.contentUrl) || !text(v.uniqueId) || !text(v.fileType)) return null;
  return { name: v.name, uploadUrl: v.uploadUrl, contentUrl: v.contentUrl, uniqueId: v.uniqueId, fileType: v.fileType };
}

/** The card that shows the uploaded file in the chat (name as OneDrive stored it, maybe renamed). */
export function fileInfoCard(upload: UploadInfo): Attachment {
  const content: FileInfoCard = { uniqueId: upload.uniqueId, fileType: upload.fileType };
  return { contentType: FILE_INFO, contentUrl: upload.contentUrl, name: upload.name, content };
}

/**
 * PUTs the file into the upload session in order, a range at a time, each streamed from disk
 * (Content-Range `bytes a-b/total`); no Authorization header, the URL itself grants the upload.
 * OneDrive answers 202 until the last range, then 200 or 201.
 */
export async function uploadToSession(uploadUrl: string, file: Pick<ExportFile, 'path' | 'bytes'>, chunkBytes = UPLOAD_CHUNK): Promise<void> {
  for (let start = 0; start < file.bytes; start += chunkBytes) {
    const end = Math.min(start + chunkBytes, file.bytes) - 1;
    const res = await sendFileRange(uploadUrl, 'PUT', file, { start, end }, { 'content-range': `bytes ${start}-${end}/${file.bytes}` });
    await res.arrayBuffer().catch(() => undefined); // drain, so the connection is reused
    const last = end === file.bytes - 1;
    if (last ? res.status !== 200 && res.status !== 201 : res.status !== 202) {
      throw new Error(`the upload session answered ${res.status} to bytes ${start}-${end}/${file.bytes}`);
    }
  }
}

export function rowsText(rows: number): string {
  return `${rows.toLocaleString('en-GB')} row${rows === 1 ? '' : 's'}`;
}
