// Big registers for export tests, written in one insert each (logging them one by one would take minutes).
import type { Types } from 'mongoose';
import { RiskModel } from '../../models';

/** Risks R-<from> … R-<from+count-1> on `projectKey`, owned by `ownerId`, with a title that needs quoting. */
export async function insertRisks(workspaceId: Types.ObjectId, projectKey: string, count: number, opts: { from?: number; ownerId?: string; title?: string } = {}): Promise<void> {
  const from = opts.from ?? 1;
  const ownerId = opts.ownerId ?? 'u-owner';
  const docs = Array.from({ length: count }, (_, i) => {
    const seq = from + i;
    return {
      workspaceId, seq, key: `R-${seq}`, title: opts.title ?? `Risk ${seq}, "quoted"`, projectKey, ownerId, raisedById: ownerId,
      probability: 3, impact: 4, score: 12, rating: 'high', status: 'open',
    };
  });
  await RiskModel.insertMany(docs, { ordered: false });
}

/** A strict RFC 4180 reader: BOM first, CRLF rows, quoted cells with doubled quotes; rows as objects by header. */
export function readCsvRecords(content: string): Record<string, string>[] {
  if (!content.startsWith('\uFEFF')) throw new Error('CSV without its BOM');
  const text = content.slice(1);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '"') {
      i++;
      while (i < text.length && !(text[i] === '"' && text[i + 1] !== '"')) {
        cell += text[i];
        i += text[i] === '"' ? 2 : 1;
      }
      i++;
    } else if (text[i] === ',') {
      row.push(cell);
      cell = '';
      i++;
    } else if (text.startsWith('\r\n', i)) {
      rows.push([...row, cell]);
      row = [];
      cell = '';
      i += 2;
    } else {
      if (text[i] === '\n' || text[i] === '\r' || text[i] === '"') throw new Error(`bare ${JSON.stringify(text[i])} at ${i}`);
      cell += text[i++];
    }
  }
  if (row.length > 0 || cell !== '') throw new Error('CSV does not end with CRLF');
  const [header, ...data] = rows;
  for (const r of data) if (r.length !== header.length) throw new Error(`a row of ${r.length} cells under ${header.length} headers`);
  return data.map((r) => Object.fromEntries(header.map((h, k) => [h, r[k]])));
}
