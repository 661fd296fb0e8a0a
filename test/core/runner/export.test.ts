import { csvCell, toCsv } from '../../../core/runner';
import { useTestDatabase } from '../../support/db';
import { makeWorld, runFor } from './world';

useTestDatabase();

/** A strict RFC 4180 reader for the checks: CRLF rows, quoted cells with doubled quotes. */
function readCsv(content: string): string[][] {
  expect(content.startsWith('\uFEFF')).toBe(true);
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
  expect(row).toEqual([]);
  return rows;
}

/** Rows as objects by header. */
function records(content: string): Record<string, string>[] {
  const [header, ...rows] = readCsv(content);
  for (const row of rows) expect(row).toHaveLength(header.length);
  return rows.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i]])));
}

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
    expect(toCsv(['A', 'B'], [[1, 'x,y']])).toBe('\uFEFFA,B\r\n1,"x,y"\r\n');
  });
});

describe('export', () => {
  it('exports the risk register, closed risks included, as safe CSV', async () => {
    const world = await makeWorld();
    await runFor(world, world.owner, `risk title='=HYPERLINK("http://evil","x")' p=4 i=5 project=APOLLO description='He said "no", then left' mitigation="Call, then
email"`, 'saved');
    await runFor(world, world.owner, 'risk @SUM(A1) leak p=2 i=2 project=APOLLO owner=<at>Nina Park</at>', 'saved');
    await runFor(world, world.admin, 'close R-2 Gone', 'saved');

    const file = await runFor(world, world.other, 'export risks', 'file');
    expect(file).toMatchObject({ filename: 'risks-all-2026-11-26.csv', contentType: 'text/csv' });
    const rows = records(file.content);
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
    const zeus = await runFor(world, world.owner, 'export changes project=ZEUS', 'file');
    expect(zeus.filename).toBe('changes-ZEUS-2026-11-26.csv');
    expect(records(zeus.content).map((r) => r.Key)).toEqual(['C-2']);
    await runFor(world, world.admin, 'link APOLLO', 'text', { channelId: 'apollo' });
    const apollo = await runFor(world, world.owner, 'export changes', 'file', { channelId: 'apollo' });
    expect(records(apollo.content)).toEqual([expect.objectContaining({ Key: 'C-1', Impact: "'-2 weeks", Decision: 'pending' })]);
  });

  it('exports issues with their own columns', async () => {
    const world = await makeWorld();
    await runFor(world, world.owner, 'issue Build server down priority=high project=APOLLO', 'saved');
    const file = await runFor(world, world.owner, 'export issues', 'file');
    expect(records(file.content)).toEqual([expect.objectContaining({ Key: 'I-1', Priority: 'high', Type: 'problem' })]);
  });

  it('exports the status history of a project, or of every project', async () => {
    const world = await makeWorld();
    await runFor(world, world.pm, 'status APOLLO rag=amber summary="Slipping, a bit"', 'status', { now: new Date('2026-11-19T10:00:00Z') });
    await runFor(world, world.pm, 'status APOLLO rag=green schedule=amber', 'status');
    const file = await runFor(world, world.other, 'export status project=APOLLO', 'file');
    expect(file.filename).toBe('status-APOLLO-2026-11-26.csv');
    expect(records(file.content).map((r) => [r.Project, r.Period, r.Overall, r.Schedule, r.Summary, r.Author])).toEqual([
      ['APOLLO', '2026-W48', 'green', 'amber', '', 'Sam'],
      ['APOLLO', '2026-W47', 'amber', '', 'Slipping, a bit', 'Sam'],
    ]);
    const all = await runFor(world, world.other, 'export status', 'file');
    expect(records(all.content)).toHaveLength(2);
    const unknown = await runFor(world, world.other, 'export status project=NOPE', 'error');
    expect(unknown).toMatchObject({ field: 'project', view: { message: 'There is no project NOPE in this workspace.' } });
  });
});
