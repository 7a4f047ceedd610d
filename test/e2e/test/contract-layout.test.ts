/**
 * The shape issue 9 set (ADR 19), checked so it cannot drift back: every use case the core
 * exports has one contract; each use-case file holds one use case; every route but the transport
 * routes is driven by a contract; nothing checks input by hand (`InputChecks` is gone); route
 * handlers read typed `input`, never an untyped body.
 */
import { expect } from 'chai';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as core from '@cws/core';
import { createApiApp } from '@cws/e2e-tests';

const root = fileURLToPath(new URL('../../../', import.meta.url));

function filesUnder(dir: string, suffix: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path, suffix));
    else if (name.endsWith(suffix)) out.push(path);
  }
  return out;
}

/**
 * Routes that carry no use-case input: health, metrics, the document, the docs page and its asset, problem pages, and reads of the caller's own state;
 * and provider webhooks, whose input is the provider's signed form (the handler checks the signature, then calls the use case with its contract).
 */
const TRANSPORT_ROUTES = new Set(['liveness', 'readiness', 'metrics', 'openApiDocument', 'docsPage', 'docsAsset', 'problemType', 'getProfile', 'getConfig', 'getFeatureFlags', 'receiveTwilioSms', 'receiveStripeWebhook']);

describe('contract layout (ADR 19)', () => {
  it('every use case class the core exports has a contract named after it', () => {
    const useCases = Object.entries(core).filter(
      ([, value]) => typeof value === 'function' && typeof (value as { prototype?: { execute?: unknown } }).prototype?.execute === 'function',
    );
    expect(useCases.length).to.be.greaterThan(80);
    const missing = useCases.filter(([, value]) => (value as { contract?: { name?: string } }).contract === undefined).map(([name]) => name);
    expect(missing, 'use cases without a static contract').to.deep.equal([]);
    const misnamed = useCases.filter(([name, value]) => (value as { contract: { name: string } }).contract.name !== name).map(([name]) => name);
    expect(misnamed, 'contracts named after another use case').to.deep.equal([]);
  });

  it('each use-case file holds one use case, and no core file checks input by hand', () => {
    const files = filesUnder(join(root, 'packages/core/src'), '.ts');
    const useCaseFiles = files.filter((f) => f.endsWith('.use-case.ts'));
    expect(useCaseFiles.length).to.be.greaterThan(80);
    for (const file of useCaseFiles) {
      const classes = readFileSync(file, 'utf8').match(/^export class \w+/gm) ?? [];
      expect(classes.length, `${relative(root, file)} declares ${classes.length} classes`).to.equal(1);
    }
    const handChecked = files.filter((f) => /\bInputChecks\b/.test(readFileSync(f, 'utf8'))).map((f) => relative(root, f));
    expect(handChecked, 'files using InputChecks').to.deep.equal([]);
  });

  it('every route but the transport routes takes its input from a use case contract', async () => {
    const app = await createApiApp(null);
    try {
      const without = app.http.routes.filter((r) => r.contract === undefined && !TRANSPORT_ROUTES.has(r.operationId)).map((r) => `${r.method} ${r.path} (${r.operationId})`);
      expect(without, 'routes without a contract').to.deep.equal([]);
      const undescribed = app.http.routes.filter((r) => (r.description ?? '').trim() === '').map((r) => r.operationId);
      expect(undescribed, 'routes without a description').to.deep.equal([]);
    } finally {
      await app.runtime.close();
    }
  });

  it('no route handler reads an untyped body', () => {
    const routeFiles = filesUnder(join(root, 'hosts/http/src/routes'), '.ts');
    // Fields read by name from an untyped object (`body['teamId']`) instead of the typed `input`.
    const untyped = routeFiles.filter((f) => /\b(body|input|params|query)\[['"]/.test(readFileSync(f, 'utf8'))).map((f) => relative(root, f));
    expect(untyped).to.deep.equal([]);
  });
});
