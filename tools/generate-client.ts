/**
 * `npm run client:generate`: writes packages/client/src/generated/openapi.ts, the types of the
 * typed client, from the OpenAPI document the HTTP host serves at /openapi.json.
 * `npm run client:check` (CI) generates the same into memory and exits 1 when the committed
 * file differs, so a route change without a regenerated client fails the build.
 *
 * The app is the e2e tests' (createApiApp: memory storage, every declared route), asked for
 * /openapi.json through Koa's request handler in this process: no socket, no port. The output
 * depends only on that document, so two runs write the same bytes.
 *   node --conditions=@cws/source --import tsx tools/generate-client.ts [--check]
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { servedOpenApiDocument } from './served-document.js';

const TARGET = 'packages/client/src/generated/openapi.ts';
const target = fileURLToPath(new URL(`../${TARGET}`, import.meta.url));

const HEADER = `/**
 * GENERATED FILE: do not edit. The types of @cws/client, from the OpenAPI document the HTTP host
 * serves at /openapi.json (hosts/http/src/routing/openapi-document.ts, built from the route
 * declarations), by openapi-typescript.
 * Regenerate after changing a route: npm run client:generate
 * CI runs npm run client:check, which fails while this file is stale.
 */

`;

/** The file's whole text for `document`. */
async function renderClientTypes(document: OpenAPI3): Promise<string> {
  // Declaration order (the route table's), not alphabetical: a new route adds lines, it does not reshuffle.
  const ast = await openapiTS(document, { silent: true, alphabetize: false });
  return `${HEADER}${astToString(ast).trimEnd()}\n`;
}

const expected = await renderClientTypes((await servedOpenApiDocument()) as unknown as OpenAPI3);

if (process.argv.includes('--check')) {
  const current = await readFile(target, 'utf8').catch(() => undefined);
  if (current !== expected) {
    const why =
      current === undefined
        ? 'is missing'
        : `is stale: it differs from what the OpenAPI document served at /openapi.json generates now (first difference at line ${firstDifferentLine(current, expected)})`;
    process.stderr.write(`${TARGET} ${why}.\nRun npm run client:generate and commit the result.\n`);
    process.exit(1);
  }
  process.stdout.write(`${TARGET} matches the served OpenAPI document\n`);
} else {
  const current = await readFile(target, 'utf8').catch(() => undefined);
  if (current !== expected) await writeFile(target, expected);
  process.stdout.write(`${current === expected ? 'unchanged' : 'wrote'} ${TARGET}\n`);
}

function firstDifferentLine(a: string, b: string): number {
  const left = a.split('\n');
  const right = b.split('\n');
  let i = 0;
  while (i < left.length && i < right.length && left[i] === right[i]) i += 1;
  return i + 1;
}
