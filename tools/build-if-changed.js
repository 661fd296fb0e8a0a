#!/usr/bin/env node
// Builds dist/ with tsc only when a source or build setting changed since the last good build, so a
// warm `npm start` skips the ~15 s compile. Plain Node JS: it has to run before anything is built.
/* global process, __dirname, console */
'use strict';
const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

// The project to build: this repository, or the folder given as the one argument (the tests use a small one).
const ROOT = path.resolve(process.argv[2] ?? path.join(__dirname, '..'));
const PROJECT = path.join(ROOT, 'tsconfig.build.json');
const DIST = path.join(ROOT, 'dist');
// Written only after tsc succeeds, and removed before it runs: a failed build never looks up to date.
const STAMP = path.join(DIST, '.build-stamp.json');
const BUILD_INFO = path.join(DIST, '.tsbuildinfo'); // tsBuildInfoFile in tsconfig.build.json
// Settings that change the output without touching a source; this script too, so a fix to it rebuilds.
const SETTINGS = ['tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json', 'tools/build-if-changed.js'];
const SOURCE = /\.ts$/; // the repository has no .tsx, .mts or .cts
const DECLARATION = /\.d\.ts$/; // compiles to nothing

const say = (line) => console.error(line);
const rel = (file) => path.relative(ROOT, file).split(path.sep).join('/');

/** tsconfig.build.json's `include` as folders to walk: `bot`, `tools/seed`, or `tools/*.ts` (that folder only). */
function includes() {
  const { include } = JSON.parse(fs.readFileSync(PROJECT, 'utf8'));
  return include.map((item) => {
    if (!item.includes('*')) return { dir: item, deep: true, pattern: SOURCE };
    const glob = path.posix.basename(item).replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
    return { dir: path.posix.dirname(item), deep: false, pattern: new RegExp(`^${glob}$`) };
  });
}

/** The files under `dir` whose names match, in subfolders too when `deep`. */
function walk(dir, deep, pattern, out = []) {
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && deep && entry.name !== 'node_modules') walk(full, deep, pattern, out);
    else if (entry.isFile() && pattern.test(entry.name)) out.push(full);
  }
  return out;
}

/** Every TypeScript file the build compiles. */
function sources() {
  const files = includes().flatMap(({ dir, deep, pattern }) => walk(path.join(ROOT, dir), deep, pattern).filter((f) => SOURCE.test(f)));
  return [...new Set(files)].sort();
}

/** Content hash per input: a touched but unchanged file does not rebuild; an added, deleted or renamed one does. */
function fingerprint(files) {
  const hashes = {};
  for (const file of [...SETTINGS.map((f) => path.join(ROOT, f)), ...files]) {
    if (fs.existsSync(file)) hashes[rel(file)] = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  }
  return hashes;
}

/** The compiled file of a source, in dist/. */
const output = (file) => path.join(DIST, path.relative(ROOT, file)).replace(SOURCE, '.js');
const compiled = (files) => files.filter((f) => !DECLARATION.test(f));

function readStamp() {
  try {
    return JSON.parse(fs.readFileSync(STAMP, 'utf8')).inputs;
  } catch {
    return undefined;
  }
}

function changes(before, now) {
  const names = new Set([...Object.keys(before), ...Object.keys(now)]);
  return [...names].filter((name) => before[name] !== now[name]).sort();
}

/** Deletes compiled files whose source is gone (tsc never does), so a deleted module cannot still load. */
function pruneOrphans(files) {
  const wanted = new Set(compiled(files).map(output));
  for (const { dir, deep } of includes()) {
    for (const js of walk(path.join(DIST, dir), deep, /\.js$/)) {
      if (!wanted.has(js)) for (const file of [js, `${js}.map`]) fs.rmSync(file, { force: true });
    }
  }
}

function main() {
  const files = sources();
  const inputs = fingerprint(files);
  const before = readStamp();
  const missing = compiled(files).filter((f) => !fs.existsSync(output(f)));
  if (before && changes(before, inputs).length === 0 && missing.length === 0) return 0;

  if (!before && !fs.existsSync(BUILD_INFO)) {
    say('Building PMO Assistant (first start: compiling TypeScript into dist/, about 20 s)…');
  } else {
    const changed = before ? changes(before, inputs) : [];
    const shown = changed.slice(0, 3).join(', ') + (changed.length > 3 ? ` and ${changed.length - 3} more` : '');
    say(`Rebuilding PMO Assistant (${changed.length > 0 ? `changed: ${shown}` : 'the last build failed or was interrupted'})…`);
  }
  // tsc's incremental state trusts that its outputs are still there; when some are not, start afresh.
  if (missing.length > 0) fs.rmSync(BUILD_INFO, { force: true });
  fs.rmSync(STAMP, { force: true });
  const tsc = require.resolve('typescript/bin/tsc', { paths: [ROOT] });
  const result = spawnSync(process.execPath, [tsc, '-p', PROJECT], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    say(`The TypeScript build failed (${result.error ? result.error.message : 'errors above'}); fix it and run the command again.`);
    return result.status ?? 1;
  }
  pruneOrphans(files);
  const temp = `${STAMP}.${process.pid}`;
  fs.writeFileSync(temp, `${JSON.stringify({ builtAt: new Date().toISOString(), inputs }, null, 1)}\n`);
  fs.renameSync(temp, STAMP);
  return 0;
}

process.exitCode = main();
