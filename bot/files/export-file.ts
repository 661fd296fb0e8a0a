import { randomUUID } from 'node:crypto';
import { createWriteStream, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ExportSpec } from '../../core/runner/export-spec';
import { openExport } from '../../core/runner/export-stream';

/** An export written to a temporary file: platforms that want the length first (Slack, OneDrive ranges) read it from here. */
export interface ExportFile {
  path: string;
  filename: string;
  bytes: number;
  rows: number;
  /** Deletes the file; call it once delivered (or not). */
  dispose(): Promise<void>;
}

/**
 * Makes the export (permission checked, refusals thrown before any file exists) into a file under
 * the OS temp directory, readable by this user only, streamed row batch by row batch.
 */
export async function writeExportFile(spec: ExportSpec, now: Date, dir: string = os.tmpdir()): Promise<ExportFile> {
  const csv = await openExport(spec, now);
  const file = path.join(dir, `pmo-export-${randomUUID()}.csv`);
  const dispose = (): Promise<void> => fs.rm(file, { force: true });
  try {
    await pipeline(csv.stream, createWriteStream(file, { flags: 'wx', mode: 0o600 }));
    const { size } = await fs.stat(file);
    return { path: file, filename: csv.filename, bytes: size, rows: csv.rows(), dispose };
  } catch (err) {
    await dispose();
    throw err;
  }
}

/** Size and rows of an export without keeping it anywhere (a consent card says how big the file is). */
export async function measureExport(spec: ExportSpec, now: Date): Promise<{ bytes: number; rows: number }> {
  const csv = await openExport(spec, now);
  let bytes = 0;
  const counter = new Writable({
    write(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done();
    },
  });
  await pipeline(csv.stream, counter);
  return { bytes, rows: csv.rows() };
}
