/**
 * Writes the OpenAPI document exactly as the server serves it (the app built in-process on the
 * memory adapters, every route declared) to the file named by the first argument, or stdout.
 * Used by `npm run lint:openapi` and for inspecting the document: `npm run openapi -- out.json`.
 */
import { writeFileSync } from 'node:fs';
import { servedOpenApiDocument } from './served-document.js';

const document = await servedOpenApiDocument();
const text = `${JSON.stringify(document, null, 2)}\n`;
const out = process.argv[2];
if (out === undefined || out === '-') process.stdout.write(text);
else writeFileSync(out, text);
process.exit(0);
