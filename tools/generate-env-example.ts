/**
 * Writes /.env.example from the configuration schema; `--check` only compares and exits 1 when
 * the file on disk is out of date (for CI).
 *   node --conditions=@cws/source --import tsx tools/generate-env-example.ts [--check]
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
// The config folder directly: the package index also builds the container and its adapters.
import { renderEnvExample } from '../packages/composition/src/config/index.js';

const target = fileURLToPath(new URL('../.env.example', import.meta.url));
const expected = renderEnvExample();

async function readCurrent(): Promise<string | undefined> {
  try {
    return await readFile(target, 'utf8');
  } catch {
    return undefined;
  }
}

if (process.argv.includes('--check')) {
  const current = await readCurrent();
  if (current !== expected) {
    process.stderr.write(`${target} is out of date; run: node --conditions=@cws/source --import tsx tools/generate-env-example.ts\n`);
    process.exit(1);
  }
  process.stdout.write(`${target} is up to date\n`);
} else {
  await writeFile(target, expected);
  process.stdout.write(`wrote ${target}\n`);
}
