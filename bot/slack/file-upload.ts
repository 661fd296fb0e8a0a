import { isUploadUrl, sendFileRange, type ExportFile } from '../files';
import type { SlackApi } from './api';

export interface UploadPlace {
  channel: string;
  threadTs?: string;
  /** The message the file comes with. */
  comment: string;
}

/**
 * Slack's external upload, streamed: files.getUploadURLExternal with the length (hence a file on
 * disk first), the bytes POSTed to the URL it gives, then files.completeUploadExternal shares the
 * file in the channel. (files.uploadV2 in @slack/web-api reads the whole file into memory.)
 */
export async function uploadToSlack(api: SlackApi, file: Pick<ExportFile, 'path' | 'bytes' | 'filename'>, place: UploadPlace): Promise<void> {
  const target = await api.call<{ ok: boolean; upload_url?: string; file_id?: string }>('files.getUploadURLExternal', {
    filename: file.filename,
    length: file.bytes,
  });
  if (!isUploadUrl(target.upload_url) || !target.file_id) throw new Error('files.getUploadURLExternal gave no upload URL');
  const res = await sendFileRange(target.upload_url, 'POST', file, { start: 0, end: file.bytes - 1 }, { 'content-type': 'text/csv' });
  await res.arrayBuffer().catch(() => undefined);
  if (res.status !== 200) throw new Error(`Slack's upload URL answered ${res.status}`);
  await api.call('files.completeUploadExternal', {
    files: [{ id: target.file_id, title: file.filename }],
    channel_id: place.channel,
    initial_comment: place.comment,
    ...(place.threadTs ? { thread_ts: place.threadTs } : {}),
  });
}
