#!/usr/bin/env node
/**
 * Runs at `npm install` (the root `prepare` script): initialises an empty PGlite cluster once and
 * keeps it as a gzipped data directory, so the first `npm start` (and every in-memory test
 * database) loads it in about a second instead of running initdb in WASM for several seconds.
 * Plain JavaScript with no dev dependency, and never fatal: without the file, PGlite runs initdb.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** node_modules/.cache/cleanwithsnapshot/pglite-<version>-template.tgz, next to PGlite itself. */
export function embeddedTemplatePath(fromDir = dirname(fileURLToPath(import.meta.url))) {
  const entry = createRequire(join(fromDir, 'noop.js')).resolve('@electric-sql/pglite');
  // PGlite's exports hide package.json: find the package folder from its entry point.
  const marker = `${sep}node_modules${sep}@electric-sql${sep}pglite${sep}`;
  const root = entry.slice(0, entry.lastIndexOf(marker) + marker.length - 1);
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return join(dirname(dirname(root)), '.cache', 'cleanwithsnapshot', `pglite-${version}-template.tgz`);
}

async function main() {
  const target = embeddedTemplatePath();
  if (existsSync(target)) return;
  const started = Date.now();
  const { PGlite } = await import('@electric-sql/pglite');
  const db = await PGlite.create();
  const dump = await db.dumpDataDir('gzip');
  await db.close();
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.${process.pid}.partial`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, target);
  process.stdout.write(`prepared the embedded database template in ${Date.now() - started} ms\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((err) => {
    process.stderr.write(`note: no embedded database template (${err instanceof Error ? err.message : String(err)}); the first start will run initdb instead\n`);
  });
}
