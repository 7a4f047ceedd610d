/**
 * The job host delivers the outbox on the embedded database: its pump sends a new event within
 * its poll interval without any cron run, the metrics show the backlog, the attempts and the
 * breaker, a failing provider's breaker opens (and /readyz-style status says so) while the
 * messages wait, and `--job outbox-delivery --once` delivers what is due from the command line.
 */
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { Registry } from 'prom-client';
import { AppError, systemActor, type EmailToSend, type Mailer, type RequestContext, type SendReceipt } from '@cws/core';
import { createLogger, createRuntime, loadConfig, type Runtime } from '@cws/composition';
import { startJobHost, type RunningJobHost } from '@cws/host-jobs';
import { commandEnv, embeddedTestDatabase, runCommand, TEST_MESSAGE_SEALER } from '@cws/test-support';

const silent = createLogger({ logLevel: 'ERROR' }, new Writable({ write: (_c, _e, done) => done() }));

/** A provider that records what it got, or fails retryably while `down`. */
class SwitchableMailer implements Mailer {
  readonly provider = 'switchable';
  readonly sent: EmailToSend[] = [];
  down = false;
  async send(email: EmailToSend): Promise<SendReceipt> {
    if (this.down) throw new AppError('delivery.unavailable', 'provider answered 503');
    this.sent.push(email);
    return { providerMessageId: `m-${this.sent.length}` };
  }
}

async function until(check: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return check();
}

describe('job host: outbox delivery (PGlite)', function () {
  let runtime: Runtime;
  let connectionString: string;
  let host: RunningJobHost;
  let registry: Registry;
  const mailer = new SwitchableMailer();
  let ctx: RequestContext;

  before(async () => {
    connectionString = (await embeddedTestDatabase()).connectionString;
    runtime = await createRuntime(loadConfig({ APP_ENV: 'test', DATABASE_URL: connectionString, JOB_RUNNER_ID: 'outbox-test' }, { dotenvPath: null }), {
      channels: { email: mailer },
      messageSealer: TEST_MESSAGE_SEALER,
    });
    const now = runtime.clock.now();
    const { org } = await runtime.core.orgs.create.execute(
      { actor: systemActor('test'), requestId: 'setup', now, reason: 'outbox test' },
      { name: 'Outbox Org', slug: `outbox-${randomUUID().slice(0, 8)}` },
    );
    ctx = { orgId: org.id, actor: systemActor('test'), requestId: 'enqueue', now };
    registry = new Registry();
    host = await startJobHost(runtime, { logger: silent, registry, outboxPollMs: 100, processEveryMs: 60_000 });
  });
  after(async () => {
    await host?.stop(10_000);
    await runtime?.close();
  });

  /** One message, as a use case's unit of work writes it. */
  const enqueue = (key: string) =>
    runtime.ports.uow.run({ ...ctx, now: runtime.clock.now() }, async (repos) => {
      const { event } = await repos.outbox.enqueue({
        id: randomUUID(),
        orgId: ctx.orgId,
        dedupeKey: key,
        createdAt: runtime.clock.now(),
        payload: { kind: 'email', message: { template: 'security_totp_replay', to: 'holder@example.com', toName: null, data: { at: new Date().toISOString(), clientIp: null }, sealedSecret: null } },
      });
      return event;
    });

  it('delivers a new event within the poll interval, with no cron run, and counts it', async () => {
    const { id } = await enqueue(`test:${randomUUID()}:one`);
    expect(await until(() => mailer.sent.some((m) => m.idempotencyId === id), 5_000)).to.equal(true);
    const stored = await runtime.ports.uow.run({ ...ctx, now: runtime.clock.now() }, (repos) => repos.outbox.findById(id));
    expect(stored?.status).to.equal('sent');
    const text = await registry.metrics();
    expect(text).to.match(/outbox_delivery_attempts_total\{kind="email",result="sent"\} [1-9]/);
    expect(text).to.match(/outbox_events\{kind="email",status="sent"\} [1-9]/);
    expect(text).to.include('circuit_breaker_state{breaker="email:switchable"} 0');
    expect(host.outboxPumpRunning()).to.equal(true);
  });

  it('keeps messages while the provider fails (retried later), and opens its breaker after 5 failures in a row', async () => {
    mailer.down = true;
    const keys = Array.from({ length: 6 }, () => `test:${randomUUID()}:down`);
    for (const key of keys) await enqueue(key);
    expect(await until(() => runtime.outbox.breakers().some((b) => b.name === 'email:switchable' && b.state === 'open'), 5_000)).to.equal(true);
    expect(await registry.metrics()).to.include('circuit_breaker_state{breaker="email:switchable"} 2');
    // The breaker opens at the fifth failure, before the pump has recorded that batch's outcomes
    // (and possibly before it claimed the sixth, which the open breaker then refuses at once):
    // wait until all six are recorded.
    const downEvents = async () => {
      const events = await runtime.ports.uow.run({ ...ctx, now: runtime.clock.now() }, (repos) => repos.outbox.listByDedupePrefix('test:', 100));
      return events.filter((e) => keys.includes(e.dedupeKey));
    };
    const waiting = (e: { status: string; attempts: number; lastError: string | null }) => e.status === 'pending' && e.attempts === 1 && e.lastError !== null;
    expect(await until(async () => (await downEvents()).filter(waiting).length === 6, 5_000)).to.equal(true);
    // None lost, none dead, none sent: each waits for its retry (the first is ≥ 48 s away).
    const down = await downEvents();
    expect(down).to.have.length(6);
    expect(down.map((e) => e.status)).to.deep.equal(Array(6).fill('pending'));
    expect(down.every(waiting)).to.equal(true);
    expect(mailer.sent.filter((m) => down.some((e) => e.id === m.idempotencyId))).to.have.length(0);
    mailer.down = false;
  });

  it('--job outbox-delivery --once delivers what is due and prints the run', async () => {
    await host.stop(10_000);
    const { id } = await enqueue(`test:${randomUUID()}:once`);
    // The command has no email channel configured (EMAIL_MODE=off): it claims nothing.
    const off = await runCommand('hosts/jobs/src/main.ts', ['--job', 'outbox-delivery', '--once'], commandEnv({ APP_ENV: 'test', LOG_LEVEL: 'ERROR', DATABASE_URL: connectionString, EMAIL_MODE: 'off' }));
    expect(off.code, off.stderr).to.equal(0);
    expect(JSON.parse(off.stdout.trim().split('\n').pop()!)).to.deep.include({ job: 'outbox-delivery', outcome: 'success', claimed: 0 });
    // With EMAIL_MODE=log it delivers to the log, the event id in the line.
    const log = await runCommand('hosts/jobs/src/main.ts', ['--job', 'outbox-delivery', '--once'], commandEnv({ APP_ENV: 'test', LOG_LEVEL: 'ERROR', DATABASE_URL: connectionString, EMAIL_MODE: 'log' }));
    expect(log.code, log.stderr).to.equal(0);
    const summary = JSON.parse(log.stdout.trim().split('\n').pop()!);
    expect(summary).to.deep.include({ job: 'outbox-delivery', outcome: 'success' });
    expect(summary.claimed).to.be.greaterThan(0);
    const stored = await runtime.ports.uow.run({ ...ctx, now: runtime.clock.now() }, (repos) => repos.outbox.findById(id));
    expect(stored?.status).to.equal('sent');
  });
});
