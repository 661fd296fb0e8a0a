import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../bot/config';
import { DOWNLOAD_FAILED_FILE, findMongod, type MongodSources } from '../../bot/db/mongod-server';

/** No mongod on PATH or in the cache; the download does what the test says and is counted. */
class FakeSources implements MongodSources {
  downloads = 0;
  constructor(private readonly outcome: () => Promise<string>) {}
  onPath = async (): Promise<string | undefined> => undefined;
  cached = async (): Promise<string | undefined> => undefined;
  download = (): Promise<string> => {
    this.downloads += 1;
    return this.outcome();
  };
}

const offline = () => new FakeSources(() => Promise.reject(new Error('getaddrinfo EAI_AGAIN fastdl.mongodb.org')));

let dataDir: string;
let marker: string;
beforeEach(() => {
  dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'pmo-mongod-dl-')), '.data');
  marker = path.join(dataDir, DOWNLOAD_FAILED_FILE);
});
afterEach(() => rmSync(path.dirname(dataDir), { recursive: true, force: true }));

describe('a failed mongod download', () => {
  it('is remembered under the data dir and not tried again on the next start, which says how to ask again', async () => {
    const first = offline();
    await expect(findMongod({ allowDownload: true, timeoutMs: 5000, dataDir }, first)).rejects.toThrow(/EAI_AGAIN.*not tried again on later starts; set PMO_MONGOD_DOWNLOAD=retry/);
    expect(first.downloads).toBe(1);
    expect(readFileSync(marker, 'utf8')).toMatch(/^the download failed at \d{4}-\d\d-\d\dT[\d:.]+Z: getaddrinfo EAI_AGAIN fastdl\.mongodb\.org\n/);

    const next = offline();
    const skipped = findMongod({ allowDownload: true, timeoutMs: 5000, dataDir }, next);
    await expect(skipped).rejects.toThrow(`not downloading mongod: the download failed at`);
    await expect(skipped).rejects.toThrow(`set PMO_MONGOD_DOWNLOAD=retry or delete ${marker} to try again`);
    expect(next.downloads).toBe(0);
  });

  it('is tried again with PMO_MONGOD_DOWNLOAD=retry, and a success forgets the failure', async () => {
    await expect(findMongod({ allowDownload: true, timeoutMs: 5000, dataDir }, offline())).rejects.toThrow();
    const online = new FakeSources(async () => '/cache/mongod');
    expect(await findMongod({ allowDownload: true, retryDownload: true, timeoutMs: 5000, dataDir }, online)).toBe('/cache/mongod');
    expect(online.downloads).toBe(1);
    expect(existsSync(marker)).toBe(false);
    await findMongod({ allowDownload: true, timeoutMs: 5000, dataDir }, online);
    expect(online.downloads).toBe(2); // nothing remembered any more
  });

  it('is tried again once the marker is deleted', async () => {
    await expect(findMongod({ allowDownload: true, timeoutMs: 5000, dataDir }, offline())).rejects.toThrow();
    rmSync(marker);
    const again = offline();
    await expect(findMongod({ allowDownload: true, timeoutMs: 5000, dataDir }, again)).rejects.toThrow(/EAI_AGAIN/);
    expect(again.downloads).toBe(1);
  });

  it('counts a download cut off by the time-box, and forgets it if that download finishes later', async () => {
    let finish: (binary: string) => void = () => undefined;
    const slow = new FakeSources(() => new Promise<string>((resolve) => (finish = resolve)));
    await expect(findMongod({ allowDownload: true, timeoutMs: 1, dataDir }, slow)).rejects.toThrow(/took longer than 1 ms \(not tried again/);
    expect(existsSync(marker)).toBe(true);
    finish('/cache/mongod');
    for (let i = 0; i < 500 && existsSync(marker); i++) await new Promise((r) => setTimeout(r, 10));
    expect(existsSync(marker)).toBe(false);
  });

  it('does not stand in the way of a mongod on PATH or in the cache', async () => {
    await expect(findMongod({ allowDownload: true, timeoutMs: 5000, dataDir }, offline())).rejects.toThrow();
    const cached = Object.assign(offline(), { cached: async () => '/cache/mongod' });
    expect(await findMongod({ allowDownload: true, timeoutMs: 5000, dataDir }, cached)).toBe('/cache/mongod');
  });

  it('is neither tried nor remembered when downloads are off', async () => {
    const sources = offline();
    await expect(findMongod({ allowDownload: false, timeoutMs: 5000, dataDir }, sources)).rejects.toThrow(/no mongod on PATH or in the mongodb-memory-server cache/);
    expect(sources.downloads).toBe(0);
    expect(existsSync(marker)).toBe(false);
  });
});

describe('PMO_MONGOD_DOWNLOAD', () => {
  const ROOT = '/srv/pmo';
  it.each([
    [undefined, true, false],
    ['true', true, false],
    ['retry', true, true],
    ['false', false, false],
  ])('%s allows a download: %s, retries a failed one: %s', (value, allowDownload, retryDownload) => {
    const { database } = loadConfig(value === undefined ? {} : { PMO_MONGOD_DOWNLOAD: value }, ROOT);
    expect(database).toMatchObject({ allowDownload, retryDownload, dataDir: path.join(ROOT, '.data') });
  });

  it('refuses anything else, once', () => {
    expect(() => loadConfig({ PMO_MONGOD_DOWNLOAD: 'again' }, ROOT)).toThrow(ConfigError);
    try {
      loadConfig({ PMO_MONGOD_DOWNLOAD: 'again' }, ROOT);
    } catch (err) {
      expect((err as ConfigError).problems).toEqual(['PMO_MONGOD_DOWNLOAD must be one of true, false, retry (got "again")']);
    }
  });
});
