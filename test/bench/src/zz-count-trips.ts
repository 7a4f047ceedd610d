import pg from 'pg';
import { startApiStack } from './api-stack-setup.js';
import { benchOptions } from './bench-options.js';
const stack = await startApiStack(benchOptions(), () => undefined);
let submits = 0;
const original = (pg.Query.prototype as any).submit;
(pg.Query.prototype as any).submit = function (this: unknown, c: unknown) { submits += 1; return original.call(this, c); };
for (const route of [stack.api, stack.bare, ...stack.breakdown]) {
  submits = 0;
  for (let i = 0; i < 50; i++) { const r = await fetch(route.url, { headers: route.headers }); await r.arrayBuffer(); }
  console.log(route.label, (submits / 50).toFixed(2), 'pg messages (round trips) per request');
}
process.exit(0);
