/**
 * Policy mutation check (the Supabase rule: "show that each test fails when the policy it covers
 * is broken"). For every row level security policy, a fresh database gets that one policy
 * replaced by USING (true) / WITH CHECK (true) (the clauses its command has), and the isolation
 * suites run against it: at least
 * one test must fail, or the suites do not really cover that policy. A baseline run with no
 * mutation must pass first. Runs on the server at TEST_DATABASE_URL (scratch databases) or, when
 * it is unset, on embedded PGlite. `npm run test:rls-mutation`; exits 1 when a mutation survives.
 */
import { spawnSync } from 'node:child_process';
import { createKnex, startEmbeddedPostgres } from '@cws/adapter-postgres';
import { migrateLatest } from '@cws/migrations';

// login-role.test.ts covers the `<table>_system_scope` policies of the global tables (ADR 16);
// outbox-scanner.test.ts the outbox's (the scanner's system-scope policy, sms_opt_outs, and the
// org policies that the outbox repositories' own org filters would hide).
const SUITES = [
  'adapters/postgres/test/contract.test.ts',
  'adapters/postgres/test/login-role.test.ts',
  'adapters/postgres/test/outbox-scanner.test.ts',
  'test/e2e/test/tenant-isolation.e2e.test.ts',
];
const serverUrl = process.env['TEST_DATABASE_URL'] || null;

/** Policies that grant rather than restrict: relaxing them changes nothing to catch (none since migration 0008). */
const PERMISSIVE_BY_DESIGN = new Set<string>();

async function listIsolationPolicies(): Promise<string[]> {
  const pg = serverUrl === null ? await startEmbeddedPostgres({ dataDir: null }) : null;
  const knex = createKnex({ connectionString: pg?.connectionString ?? serverUrl!, poolMax: 1 });
  try {
    await migrateLatest(knex);
    const rows = await knex.raw(`select policyname, tablename from pg_policies where schemaname = 'public' order by tablename, policyname`);
    return rows.rows
      .filter((r: { policyname: string }) => !PERMISSIVE_BY_DESIGN.has(r.policyname))
      .map((r: { policyname: string; tablename: string }) => `${r.policyname} ON ${r.tablename}`);
  } finally {
    await knex.destroy();
    await pg?.close();
  }
}

/** A scratch database next to TEST_DATABASE_URL, so a mutated policy never touches the shared one. */
async function withScratchDatabase<T>(name: string, run: (url: string) => T): Promise<T> {
  const admin = createKnex({ connectionString: serverUrl!, poolMax: 1 });
  try {
    await admin.raw(`drop database if exists ${name}`);
    await admin.raw(`create database ${name}`);
    const url = new URL(serverUrl!);
    url.pathname = `/${name}`;
    return run(url.toString());
  } finally {
    await admin.raw(`drop database if exists ${name} with (force)`).catch(() => undefined);
    await admin.destroy();
  }
}

function runSuites(policy: string | null, databaseUrl: string | null): { failures: number; output: string } {
  const env = {
    ...process.env,
    TEST_DATABASE_KINDS: databaseUrl === null ? 'embedded' : 'server',
    RLS_MUTATION_POLICY: policy ?? '',
    ...(databaseUrl === null ? {} : { TEST_DATABASE_URL: databaseUrl }),
  };
  const result = spawnSync(
    process.execPath,
    ['--conditions=@cws/source', '--import', 'tsx', 'node_modules/mocha/bin/mocha.js', '--no-config', '--reporter', 'dot', '--timeout', '60000', '--exit', ...SUITES],
    { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  if (result.error) throw result.error;
  // mocha's exit code is the number of failures (capped at 255).
  return { failures: result.status ?? 255, output: `${result.stdout}\n${result.stderr}` };
}

async function run(policy: string | null): Promise<{ failures: number; output: string }> {
  if (serverUrl === null) return runSuites(policy, null);
  const name = policy === null ? 'baseline' : policy.split(' ')[0]!;
  return withScratchDatabase(`cws_rls_mut_${name}_${process.pid}`.slice(0, 63), (url) => runSuites(policy, url));
}

async function main(): Promise<void> {
  const policies = await listIsolationPolicies();
  process.stdout.write(`RLS policy mutation check on ${serverUrl === null ? 'embedded PGlite' : 'the PostgreSQL server'}: ${policies.length} policies\n`);
  const baseline = await run(null);
  if (baseline.failures !== 0) {
    process.stdout.write(`${baseline.output}\nbaseline run failed (${baseline.failures} failures): fix the suites before mutating\n`);
    process.exit(1);
  }
  const survivors: string[] = [];
  for (const policy of policies) {
    const mutated = await run(policy);
    const killed = mutated.failures > 0;
    if (!killed) survivors.push(policy);
    process.stdout.write(`  ${policy} → USING (true): ${killed ? `${mutated.failures} failing test(s) — caught` : 'NO test failed — survived'}\n`);
  }
  if (survivors.length > 0) {
    process.stdout.write(`policy mutations survived for: ${survivors.join(', ')}; add isolation tests that cover them\n`);
    process.exit(1);
  }
  process.stdout.write(`every policy mutation was caught (${policies.length}/${policies.length})\n`);
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
