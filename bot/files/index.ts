import type { Config } from '../config';
import { ImageLinks } from './image-links';
import { ExportLinks } from './links';

export { ExportLinks, LINK_TTL_MS, type LinkVerdict } from './links';
export { measureExport, writeExportFile, type ExportFile } from './export-file';
export { mountExportFiles, type ExportFilesDeps } from './routes';
export { isUploadUrl, sendFileRange } from './upload';
export { ImageLinks, IMAGE_LINK_TTL_MS, mountImages, type ImageVerdict } from './image-links';

/** The process's heat map image links: keyed from PMO_ENCRYPTION_KEY when set, under PUBLIC_URL (none without it). */
export function imageLinksFor(config: Pick<Config, 'publicUrl' | 'security'>): ImageLinks {
  return new ImageLinks({ encryptionKey: config.security.encryptionKey, publicUrl: config.publicUrl });
}

/** The process's export links: keyed from PMO_ENCRYPTION_KEY when set, absolute under PUBLIC_URL. */
export function exportLinksFor(config: Pick<Config, 'publicUrl' | 'security'>): ExportLinks {
  return new ExportLinks({ encryptionKey: config.security.encryptionKey, publicUrl: config.publicUrl });
}
