import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Types } from 'mongoose';
import { openExport } from '../../../core/runner/export-stream';
import { STREAM_BATCH } from '../../../core/services';
import { useTestDatabase } from '../../support/db';
import { insertRisks, readCsvRecords } from '../../support/registers';
import { makeWorld, NOW, runFor } from './world';

useTestDatabase();

describe('export streaming', () => {
  it('exports 1,000 risks, every one, a batch at a time with no cap', async () => {
    const world = await makeWorld();
    await insertRisks(world.ws, 'APOLLO', 1000);
    const other = await makeWorld(); // another workspace's risks never show
    await insertRisks(other.ws, 'APOLLO', 5);
    const file = await runFor(world, world.admin, 'export risks', 'file');

    const { stream, rows } = await openExport(file.export, NOW);
    const chunks: string[] = [];
    await pipeline(stream, new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk.toString('utf8'));
        done();
      },
    }));
    // The header, then one chunk per database batch: the register is never one string in memory.
    expect(chunks.length).toBe(1 + Math.ceil(1000 / STREAM_BATCH));
    expect(rows()).toBe(1000);
    const records = readCsvRecords(chunks.join(''));
    expect(records.map((r) => r.Key)).toEqual(Array.from({ length: 1000 }, (_, i) => `R-${i + 1}`));
    expect(records[999]).toMatchObject({ Title: 'Risk 1000, "quoted"', Owner: 'Jane', Project: 'APOLLO', Score: '12' });
  });

  it('closes the database cursor when the reader stops early', async () => {
    const world = await makeWorld();
    await insertRisks(world.ws, 'APOLLO', 600);
    const file = await runFor(world, world.admin, 'export risks', 'file');
    const { stream, rows } = await openExport(file.export, NOW);
    for await (const _chunk of stream) break; // the header only; destroying the stream ends the generator
    expect(stream.destroyed).toBe(true);
    expect(rows()).toBeLessThan(600);
  });

  it('refuses a spec for a workspace that does not exist', async () => {
    const world = await makeWorld();
    const file = await runFor(world, world.admin, 'export risks', 'file');
    await expect(openExport({ ...file.export, workspaceId: new Types.ObjectId().toHexString() }, NOW)).rejects.toMatchObject({ code: 'not_found' });
  });
});
