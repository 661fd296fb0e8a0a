import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { redactUri, resolveDatabase } from '../../bot/db/resolve';
import { uriSecrets } from '../../bot/security/uri-secrets';

const logger = pino({ level: 'silent' });
const emptyRoot = mkdtempSync(path.join(os.tmpdir(), 'pmo-noroot-'));
afterAll(() => rmSync(emptyRoot, { recursive: true, force: true }));

const base = { root: emptyRoot, dataDir: path.join(emptyRoot, '.data'), allowDownload: false, downloadTimeoutMs: 0, logger };

it('lets MONGODB_URI win and never shows its password', async () => {
  const db = await resolveDatabase({ ...base, embedded: 'auto', uri: 'mongodb+srv://pmo:s3cret@cluster0.example.net/pmo' });
  expect(db.source).toBe('MONGODB_URI');
  expect(db.server).toBeUndefined();
  expect(db.description).toBe('MONGODB_URI mongodb+srv://pmo:***@cluster0.example.net/pmo');
});

it('redacts only the password of a connection string', () => {
  expect(redactUri('mongodb://u:p@h1:1,h2:2/db?replicaSet=rs')).toBe('mongodb://u:***@h1:1,h2:2/db?replicaSet=rs');
  expect(redactUri('mongodb://127.0.0.1:27017/')).toBe('mongodb://127.0.0.1:27017/');
  expect(redactUri('mongodb://x509user@h1/db?authMechanism=MONGODB-X509')).toBe('mongodb://x509user@h1/db?authMechanism=MONGODB-X509');
});

describe('redactUri with nasty connection strings', () => {
  it.each([
    // A password with unescaped `@`: all of it goes, not just up to its first `@`.
    ['mongodb://u:p@ss@w0rd@h1,h2/db?authSource=admin&tlsCertificateKeyFilePassword=s3cret', 'mongodb://u:***@h1,h2/db?authSource=admin&tlsCertificateKeyFilePassword=***', ['p@ss', 'ss@w0rd', 's3cret']],
    ['mongodb+srv://pmo:Zx%40y%3A9@cluster0.ab1cd.mongodb.net/pmo?retryWrites=true&w=majority', 'mongodb+srv://pmo:***@cluster0.ab1cd.mongodb.net/pmo?retryWrites=true&w=majority', ['Zx%40y']],
    // A password with `:`, `/`, `?` and `#` unescaped still ends at the `@` before the hosts.
    ['mongodb://admin:a:b/c?d#e@10.0.0.1:27017,[::1]:27018/?replicaSet=rs0', 'mongodb://admin:***@10.0.0.1:27017,[::1]:27018/?replicaSet=rs0', ['a:b', 'c?d#e']],
    // MONGODB-AWS: the secret access key is the password; the session token sits in authMechanismProperties.
    [
      'mongodb+srv://AKIAEXAMPLE:wJalr%2FXUtnF@c.mongodb.net/?authMechanism=MONGODB-AWS&authMechanismProperties=AWS_SESSION_TOKEN:FwoGZXIvYXdz%2Btoken,SERVICE_NAME:mongodb',
      'mongodb+srv://AKIAEXAMPLE:***@c.mongodb.net/?authMechanism=MONGODB-AWS&authMechanismProperties=AWS_SESSION_TOKEN:***,SERVICE_NAME:mongodb',
      ['wJalr', 'FwoGZXIvYXdz'],
    ],
    ['mongodb://h1/db?proxyPassword=pr0xy&sslPEMKeyPassword=pem-pw&apiKey=k-123&token=t0k&appName=pmo', 'mongodb://h1/db?proxyPassword=***&sslPEMKeyPassword=***&apiKey=***&token=***&appName=pmo', ['pr0xy', 'pem-pw', 'k-123', 't0k']],
  ])('%s', (uri, expected, leaks) => {
    const out = redactUri(uri);
    expect(out).toBe(expected);
    for (const leak of leaks) expect(out).not.toContain(leak);
  });

  it('finds the secrets inside a connection string, as written and decoded, for the logger to scrub', () => {
    expect(uriSecrets('mongodb://u:p%40ss@h/db?tlsCertificateKeyFilePassword=s3cret&authMechanismProperties=AWS_SESSION_TOKEN:tok%2B1')).toEqual(
      expect.arrayContaining(['p%40ss', 'p@ss', 's3cret', 'tok+1']),
    );
    expect(uriSecrets('mongodb://127.0.0.1:27017/')).toEqual([]);
  });
});

it('names the three ways to fix it when nothing can be had', async () => {
  const attempt = resolveDatabase({ ...base, embedded: 'ferretdb' });
  await expect(attempt).rejects.toThrow(/set MONGODB_URI/);
  await expect(attempt).rejects.toThrow(/install mongod on PATH/);
  await expect(attempt).rejects.toThrow(/install Go/);
  await expect(attempt).rejects.toThrow(/FerretDB: the FerretDB launcher source is missing/);
});
