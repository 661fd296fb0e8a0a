import { CSV_BOM, csvCell, csvLine, type Reply } from '../../../core/runner';
import { openExport } from '../../../core/runner/export-stream';
import { grantRole } from '../../../core/services';
import { ProjectModel } from '../../../models';
import { useTestDatabase } from '../../support/db';
import { readCsvRecords } from '../../support/registers';
import { makeWorld, NOW, runFor } from './world';

useTestDatabase();

/** The CSV the file reply describes, made as a delivery makes it (permission checked again). */
async function csvOf(reply: Extract<Reply, { type: 'file' }>): Promise<string> {
  const { stream } = await openExport(reply.export, NOW);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

const records = async (reply: Extract<Reply, { type: 'file' }>): Promise<Record<string, string>[]> => readCsvRecords(await csvOf(reply));

describe('csvCell', () => {
  it('quotes only what needs it and doubles quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(12)).toBe('12');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  it('defuses cells a spreadsheet would run as a formula', () => {
    expect(csvCell('=1+2')).toBe("'=1+2");
    expect(csvCell('+44 20')).toBe("'+44 20");
    expect(csvCell('-2 weeks')).toBe("'-2 weeks");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('writes a BOM, CRLF rows and a final line end', () => {
    expect(CSV_BOM + csvLine(['A', 'B']) + csvLine([1, 'x,y'])).toBe('\uFEFFA,B\r\n1,"x,y"\r\n');
  });
});

describe('export', () => {
  it('exports the risk register, closed risks included, as safe CSV', async () => {
    const world = await makeWorld();
    await runFor(world, world.owner, `risk title='=HYPERLINK("http://evil","x")' p=4 i=5 project=APOLLO description='He said "no", then left' mitigation="Call, then
email"`, 'saved');
    await runFor(world, world.owner, 'risk @SUM(A1) leak p=2 i=2 project=APOLLO owner=@{29:nina|Nina Park}', 'saved');
    await runFor(world, world.admin, 'close R-2 Gone', 'saved');

    const file = await runFor(world, world.admin, 'export risks', 'file');
    expect(file).toMatchObject({ filename: 'risks-all-2026-11-26.csv', contentType: 'text/csv' });
    const rows = await records(file);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      Key: 'R-1', Title: '\'=HYPERLINK("http://evil","x")', Project: 'APOLLO', Status: 'open', Probability: '4', Impact: '5', Score: '20',
      Rating: 'critical', Owner: 'Jane', 'Raised by': 'Jane', Description: 'He said "no", then left', Mitigation: 'Call, then\nemail',
      Created: '2026-11-26 10:00', Overdue: 'no',
    });
    expect(rows[1]).toMatchObject({ Key: 'R-2', Title: "'@SUM(A1) leak", Status: 'closed', Owner: 'Nina Park', Resolution: 'Gone' });
    for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@]/);
  });

  it('filters by project, by default the linked channel’s', async () => {
    const world = await makeWorld();
    await runFor(world, world.admin, 'project add ZEUS "Zeus platform"', 'text');
    await runFor(world, world.owner, 'change Add SSO impact="-2 weeks" project=APOLLO', 'saved');
    await runFor(world, world.owner, 'change Drop reports project=ZEUS', 'saved');
    const zeus = await runFor(world, world.admin, 'export changes project=ZEUS', 'file');
    expect(zeus.filename).toBe('changes-ZEUS-2026-11-26.csv');
    expect((await records(zeus)).map((r) => r.Key)).toEqual(['C-2']);
    await runFor(world, world.admin, 'link APOLLO', 'text', { channelId: 'apollo' });
    const apollo = await runFor(world, world.admin, 'export changes', 'file', { channelId: 'apollo' });
    expect(await records(apollo)).toEqual([expect.objectContaining({ Key: 'C-1', Impact: "'-2 weeks", Decision: 'pending' })]);
  });

  it('exports issues with their own columns', async () => {
    const world = await makeWorld();
    await runFor(world, world.owner, 'issue Build server down priority=high project=APOLLO', 'saved');
    const file = await runFor(world, world.admin, 'export issues', 'file');
    expect(await records(file)).toEqual([expect.objectContaining({ Key: 'I-1', Priority: 'high', Type: 'problem' })]);
  });

  it('exports the status history of a project, or of every project, oldest period first', async () => {
    const world = await makeWorld();
    await runFor(world, world.pm, 'status APOLLO rag=amber reason="Vendor late" summary="Slipping, a bit"', 'status', { now: new Date('2026-11-19T10:00:00Z') });
    await runFor(world, world.pm, 'status APOLLO rag=green schedule=amber', 'status');
    const file = await runFor(world, world.pm, 'export status project=APOLLO', 'file');
    expect(file.filename).toBe('status-APOLLO-2026-11-26.csv');
    expect((await records(file)).map((r) => [r.Project, r.Period, r.Overall, r.Schedule, r.Summary, r.Author])).toEqual([
      ['APOLLO', '2026-W47', 'amber', '', 'Slipping, a bit', 'Sam'],
      ['APOLLO', '2026-W48', 'green', 'amber', '', 'Sam'],
    ]);
    const all = await runFor(world, world.admin, 'export status', 'file');
    expect(await records(all)).toHaveLength(2);
    const unknown = await runFor(world, world.admin, 'export status project=NOPE', 'error');
    expect(unknown).toMatchObject({ field: 'project', view: { message: 'There is no project NOPE in this workspace.' } });
  });
});

describe('who may export (SPEC §3: PMO admins, executives, PMs for their own projects)', () => {
  it('refuses a plain member, saying who may', async () => {
    const world = await makeWorld();
    for (const text of ['export risks', 'export status project=APOLLO']) {
      const refused = await runFor(world, world.owner, text, 'error');
      expect(refused.view.message).toBe('Only PMO admins, executives, and PMs for their own projects can export.');
    }
  });

  it('gives a PM the rows of their own projects only, and refuses another project by name', async () => {
    const world = await makeWorld();
    await runFor(world, world.admin, 'project add ZEUS "Zeus platform"', 'text');
    await runFor(world, world.owner, 'risk Apollo vendor p=2 i=2 project=APOLLO', 'saved');
    await runFor(world, world.owner, 'risk Zeus budget p=2 i=2 project=ZEUS', 'saved');
    const mine = await runFor(world, world.pm, 'export risks', 'file');
    expect(mine.filename).toBe('risks-my-projects-2026-11-26.csv');
    expect((await records(mine)).map((r) => [r.Key, r.Project])).toEqual([['R-1', 'APOLLO']]);
    const refused = await runFor(world, world.pm, 'export risks project=ZEUS', 'error');
    expect(refused).toMatchObject({ field: 'project', view: { message: 'You can export only for your own projects (APOLLO), not ZEUS.' } });
  });

  it('lets an executive export everything', async () => {
    const world = await makeWorld();
    await grantRole(world.ws, world.admin, world.other.userId, 'executive');
    await runFor(world, world.owner, 'risk Apollo vendor p=2 i=2 project=APOLLO', 'saved');
    const file = await runFor(world, world.other, 'export risks', 'file');
    expect((await records(file)).map((r) => r.Key)).toEqual(['R-1']);
  });

  it('checks again when the file is made: a PM who lost the project gets nothing', async () => {
    const world = await makeWorld();
    await runFor(world, world.owner, 'risk Apollo vendor p=2 i=2 project=APOLLO', 'saved');
    const file = await runFor(world, world.pm, 'export risks project=APOLLO', 'file');
    await ProjectModel.updateOne({ workspaceId: world.ws, key: 'APOLLO' }, { $set: { pmId: 'u-owner' } });
    await expect(openExport(file.export, NOW)).rejects.toMatchObject({ code: 'forbidden' });
  });
});
