import type { Config } from '../config';
import { ExportLinks } from './links';

export { ExportLinks, LINK_TTL_MS, type LinkVerdict } from './links';
export { measureExport, writeExportFile, type ExportFile } from './export-file';
export { mountExportFiles, type ExportFilesDeps } from './routes';
export { isUploadUrl, sendFileRange } from './upload';

/** The process's export links: keyed from PMO_ENCRYPTION_KEY when set, absolute under PUBLIC_URL. */
export function exportLinksFor(config: Pick<Config, 'publicUrl' | 'security'>): ExportLinks {
  return new ExportLinks({ encryptionKey: config.security.encryptionKey, publicUrl: config.publicUrl });
}
