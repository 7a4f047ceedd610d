/**
 * The outbox under faults (issue 10), on the PostgreSQL server, each case in a scratch database
 * of its own with at least 2,000 events and a fake SendGrid that records every event id it
 * accepts (`custom_args.outbox_event_id`):
 *  - F1: the job host SIGKILLed three times mid-delivery and restarted: nothing lost, duplicates
 *    within the in-flight window of the killed hosts, one effect per event after deduplication;
 *  - F3: every backend of the database terminated repeatedly under a running job host: nothing
 *    lost, and the host delivers again (its LISTEN connection back) without a restart;
 *  - F4: a writer SIGKILLed between its business write and COMMIT: never a booking without its
 *    outbox row, never an outbox row without its booking;
 *  - F5: the provider failing (500s, hangs) and recovering under a test clock: retries follow the
 *    configured backoff, what never recovers is dead past the horizon, listed in the DLQ and
 *    delivered once replayed.
 * F6 (events committed in another order than written) is in the outbox contract suite, which
 * runs on the server too. Figures (duplicates, durations) are printed as `[outbox faults]` lines.
 */
import { expect } from 'chai';
import { createLogger } from '@cws/composition';
import { DEFAULT_OUTBOX_RETRY_POLICY, ORGS_DELIVERED_AT_ONCE, retryDelayMs } from '@cws/core';
import { createHttpApp, startHttpServer } from '@cws/host-http';
import {
  ApiClient,
  LogCapture,
  enqueueEmails,
  faultEnv,
  createOrgs,
  openRuntime,
  receivedIds,
  startChildHost,
  startJobHostProcess,
  statusCounts,
  storedEvents,
  systemContext,
  waitUntil,
  type ChildHost,
} from '@cws/e2e-tests';
import { createScratchServerDatabase, SCRATCH_OWNER_APPLICATION, serverTestDatabaseUrl, SERVER_SKIP_REASON, startFakeSendGridServer, type FakeSendGridServer, type ScratchServerDatabase } from '@cws/test-support';

const EVENTS = 2_000;
const BATCH_SIZE = 50;
/**
 * What one job host can hold claimed at once: two deliverers (its continuous pump and the
 * every-minute `outbox-delivery` catalogue job), each delivering up to ORGS_DELIVERED_AT_ONCE
 * orgs at a time with one batch claimed per org (the next batch is claimed only with the last
 * one's outcomes). A killed host's duplicates are at most that many events.
 */
const DELIVERERS_PER_HOST = 2;
const IN_FLIGHT_PER_HOST = DELIVERERS_PER_HOST * ORGS_DELIVERED_AT_ONCE * BATCH_SIZE;

/** One line of figures per case in the test output: duplicates and durations are the report. */
function report(text: string): void {
  process.stdout.write(`\n      [outbox faults] ${text}\n`);
}

describe('outbox under faults (PostgreSQL server)', function () {
  if (serverTestDatabaseUrl() === null) {
    it(`is skipped: ${SERVER_SKIP_REASON}`, function () {
      this.skip();
    });
    return;
  }
  this.timeout(180_000);

  let sink: FakeSendGridServer | null = null;
  let db: ScratchServerDatabase | null = null;
  const hosts: ChildHost[] = [];
  afterEach(async () => {
    for (const host of hosts.splice(0)) await host.kill();
    await sink?.close();
    await db?.drop();
    sink = null;
    db = null;
  });

  it('F1: loses nothing when the job host is SIGKILLed at 25, 50 and 75 % and restarted; duplicates stay within the killed batches', async () => {
    const started = Date.now();
    // A slow provider (the message is taken, the answer comes 8 ms later): kills land mid-batch.
    sink = await startFakeSendGridServer({ answerDelayMs: 8 });
    db = await createScratchServerDatabase('f1');
    const env = faultEnv(db.loginUrl, sink, { OUTBOX_BATCH_SIZE: String(BATCH_SIZE) });
    const seeder = await openRuntime(env);
    const events = await enqueueEmails(seeder, await createOrgs(seeder, 4), EVENTS);
    await seeder.close();
    const ids = events.map((e) => e.id);

    let host = await startJobHostProcess({ ...env, JOB_RUNNER_ID: 'faults-f1-0' });
    hosts.push(host);
    const killedAt: number[] = [];
    for (const [n, share] of [0.25, 0.5, 0.75].entries()) {
      // Off the batch boundaries, so a kill may find a batch partly sent.
      const target = EVENTS * share + Math.floor(Math.random() * BATCH_SIZE);
      await waitUntil(() => receivedIds(sink!).distinct.size >= target, 90_000, () => `${receivedIds(sink!).distinct.size} of ${EVENTS} received`, 5);
      await host.kill();
      killedAt.push(receivedIds(sink).distinct.size);
      host = await startJobHostProcess({ ...env, JOB_RUNNER_ID: `faults-f1-${n + 1}` });
      hosts.push(host);
    }
    // The killed hosts' batches come back when their 30 s leases end.
    await waitUntil(async () => (await statusCounts(db!.owner, ids))['sent'] === EVENTS, 120_000, async () => JSON.stringify(await statusCounts(db!.owner, ids)), 250);

    const { all, distinct } = receivedIds(sink);
    const seeded = new Set(ids);
    expect([...distinct].filter((id) => !seeded.has(id)), 'ids the sink got that were never enqueued').to.deep.equal([]);
    expect(ids.filter((id) => !distinct.has(id)), 'events sent in the table but never received').to.deep.equal([]);
    expect(distinct.size, 'one effect per event after dedupe on the event id').to.equal(EVENTS);
    const duplicates = all.length - distinct.size;
    const bound = killedAt.length * IN_FLIGHT_PER_HOST;
    expect(duplicates, `duplicates within ${killedAt.length} kills × ${IN_FLIGHT_PER_HOST} events in flight`).to.be.at.most(bound);
    for (const h of hosts.slice(0, -1)) expect((await h.exited).signal).to.equal('SIGKILL');
    report(`F1: ${EVENTS} events, killed at ${killedAt.join('/')} distinct ids received, ${duplicates} duplicates (bound ${bound}), ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  it('F3: keeps delivering through repeated pg_terminate_backend of every connection, with no restart; its LISTEN connection comes back', async () => {
    const started = Date.now();
    sink = await startFakeSendGridServer({ answerDelayMs: 5 });
    db = await createScratchServerDatabase('f3');
    const env = faultEnv(db.loginUrl, sink, { OUTBOX_BATCH_SIZE: String(BATCH_SIZE) });
    const seeder = await openRuntime(env);
    const orgs = await createOrgs(seeder, 4);
    const events = await enqueueEmails(seeder, orgs, EVENTS);
    await seeder.close();
    const ids = events.map((e) => e.id);
    const host = await startJobHostProcess({ ...env, JOB_RUNNER_ID: 'faults-f3' });
    hosts.push(host);
    let exited = false;
    void host.exited.then(() => (exited = true));

    // Every backend of the scratch database but this process's own (the owner pool that asks and
    // checks): the host's pool, its LISTEN connection, Agenda's. Twice per storm, 200 ms apart, so
    // connections opened again in between go too.
    const terminate = async (): Promise<string[]> => {
      const { rows } = await db!.owner.raw(
        // MATERIALIZED: the backends are chosen first; a terminate in the same WHERE could be
        // evaluated before the datname filter and end every client of the server.
        `WITH chosen AS MATERIALIZED (
           SELECT pid, application_name FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend' AND application_name <> ?)
         SELECT application_name FROM chosen WHERE pg_terminate_backend(pid)`,
        [SCRATCH_OWNER_APPLICATION],
      );
      return (rows as Array<{ application_name: string }>).map((r) => r.application_name);
    };
    const storms: Array<{ received: number; terminated: string[] }> = [];
    for (const share of [0.1, 0.3, 0.5, 0.7]) {
      await waitUntil(() => receivedIds(sink!).distinct.size >= EVENTS * share, 60_000, () => `${receivedIds(sink!).distinct.size} of ${EVENTS} received; host exited: ${exited}; log: ${JSON.stringify(host.lines.slice(-5))}; stderr: ${host.stderr().slice(-3000)}`, 5);
      const received = receivedIds(sink).distinct.size;
      const terminated = await terminate();
      await new Promise((resolve) => setTimeout(resolve, 200));
      terminated.push(...(await terminate()));
      storms.push({ received, terminated });
    }
    for (const storm of storms) expect(storm.terminated.length, 'each storm found connections to end').to.be.greaterThan(0);

    // Batches whose outcome could not be recorded come back when their 30 s leases end.
    await waitUntil(async () => (await statusCounts(db!.owner, ids))['sent'] === EVENTS, 120_000, async () => JSON.stringify(await statusCounts(db!.owner, ids)), 250);
    expect(exited, `the host stayed up; stderr: ${host.stderr().slice(-2000)}`).to.equal(false);
    const { all, distinct } = receivedIds(sink);
    expect(ids.filter((id) => !distinct.has(id)), 'events never received').to.deep.equal([]);
    expect(distinct.size).to.equal(EVENTS);
    // A termination can cost each deliverer at most its batch in flight (its outcome unrecorded).
    expect(all.length - distinct.size, 'duplicates').to.be.at.most(storms.length * 2 * IN_FLIGHT_PER_HOST);

    // Idle now, the pump waits on its LISTEN connection (a draining pump has none open): one
    // more storm ends it, and it must come back.
    const listening = async () => {
      const { rows } = await db!.owner.raw(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE '%-outbox-listen' AND query ILIKE 'LISTEN%'`);
      return rows.length === 1;
    };
    await waitUntil(listening, 15_000, () => 'the idle pump never listened');
    const idleStorm = await terminate();
    expect(idleStorm.some((name) => name.endsWith('-outbox-listen')), `the LISTEN connection was among those ended: ${idleStorm.join(', ')}`).to.equal(true);
    storms.push({ received: EVENTS, terminated: idleStorm });
    const everyTerminated = storms.flatMap((s) => s.terminated);
    await waitUntil(listening, 15_000, () => 'no LISTEN connection came back');
    expect(exited, `the host stayed up; stderr: ${host.stderr().slice(-2000)}`).to.equal(false);
    // Agenda's own LISTEN connection went too: reported in the log, not an uncaught 'error' that ends the host.
    expect(host.lines.filter((l) => l['message'] === 'job queue background error').length, 'Agenda connection losses logged').to.be.greaterThan(0);

    // A new event reaches the host by notification: well within the 5 s poll the server's pump
    // would otherwise wait.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const prober = await openRuntime(env);
    try {
      const sentAt = Date.now();
      const [probe] = await enqueueEmails(prober, [orgs[0]!], 1, () => 'after-the-storm@faults.example.com');
      await waitUntil(() => receivedIds(sink!).distinct.has(probe!.id), 10_000, () => 'the probe was never delivered', 10);
      const latency = Date.now() - sentAt;
      expect(latency, 'delivered on notification, not on the 5 s poll').to.be.below(2_500);
      const failedRounds = host.lines.filter((l) => l['message'] === 'outbox delivery round failed; retrying').length;
      report(
        `F3: ${EVENTS} events, ${storms.length} storms at ${storms.map((s) => s.received).join('/')} received ending ${everyTerminated.length} backends, ` +
          `${failedRounds} failed rounds, ${all.length - distinct.size} duplicates, probe after the storm delivered in ${latency} ms, ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    } finally {
      await prober.close();
    }
  });

  it('F4: never leaves a booking without its outbox row, or a row without its booking, when the writer is SIGKILLed before COMMIT', async () => {
    const started = Date.now();
    sink = await startFakeSendGridServer(); // the email channel must exist for the mail to be enqueued; nothing delivers here
    db = await createScratchServerDatabase('f4');
    const env = faultEnv(db.loginUrl, sink);
    const setup = await openRuntime(env);
    const [orgId] = await createOrgs(setup, 1);
    const ctx = { orgId: orgId!, actor: { kind: 'staff' as const, id: 'faults-setup', role: 'owner' as const }, requestId: 'faults-f4-setup', now: new Date() };
    const client = await setup.core.clients.create.execute(ctx, { name: 'Ada Client', email: 'ada.client@faults.example.com', addresses: [{ line1: '12 Mop Lane', city: 'Springfield' }] });
    await setup.close();

    const committed: string[] = [];
    let pausedKills = 0;
    let loose = 0;
    // Four runs killed while a unit waits before COMMIT (its rows written, the transaction open),
    // two at a moment the writer does not choose (anywhere in a unit, or between two).
    const RUNS = 6;
    for (let run = 0; run < RUNS; run++) {
      const writer = startChildHost('test/e2e/src/outbox-faults/booking-writer-process.ts', [], {
        ...env,
        FAULT_ORG_ID: orgId!,
        FAULT_CLIENT_ID: client.id,
        FAULT_PAUSE_MS: '150',
        FAULT_FIRST_HOUR: String(run * 300),
      });
      hosts.push(writer);
      const isCommit = (l: Record<string, unknown>) => l['phase'] === 'committed';
      if (run < 4) {
        const unit = 2 + Math.floor(Math.random() * 4);
        await writer.waitForLine((l) => l['phase'] === 'precommit' && l['unit'] === unit);
        const { rows } = await db.owner.raw(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'idle in transaction'`);
        expect(rows[0].n, 'the writer holds its transaction open when it is killed').to.equal(1);
        pausedKills += 1;
      } else {
        await writer.waitForLine(isCommit);
        await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 300)));
        // A commit may land between our kill and the line saying so: that booking is complete, just unreported.
        loose += 1;
      }
      await writer.kill();
      committed.push(...writer.lines.filter(isCommit).map((l) => l['booking'] as string));
    }

    // Over everything in the scratch database (the owner reads every org): only this test wrote there.
    const q = async (sql: string) => (await db!.owner.raw(sql)).rows as Array<Record<string, unknown>>;
    const bookings = await q('SELECT id FROM bookings');
    const orphanBookings = await q(
      `SELECT b.id FROM bookings b WHERE NOT EXISTS (
         SELECT 1 FROM outbox_events e WHERE e.org_id = b.org_id AND e.dedupe_key = 'booking:' || b.id || ':confirmed'
            AND e.payload -> 'message' -> 'data' ->> 'bookingId' = b.id::text)`,
    );
    const orphanEvents = await q(
      `SELECT e.id FROM outbox_events e WHERE NOT EXISTS (
         SELECT 1 FROM bookings b WHERE b.org_id = e.org_id AND e.dedupe_key = 'booking:' || b.id || ':confirmed')`,
    );
    const events = await q('SELECT id FROM outbox_events');
    expect(orphanBookings, 'bookings without their outbox row').to.deep.equal([]);
    expect(orphanEvents, 'outbox rows without their booking').to.deep.equal([]);
    expect(events.length).to.equal(bookings.length);
    // Every reported commit is there; the killed open units left nothing (at most the unreported commits of the loose kills).
    const stored = new Set(bookings.map((b) => b['id'] as string));
    expect(committed.filter((id) => !stored.has(id)), 'committed bookings missing').to.deep.equal([]);
    expect(bookings.length).to.be.within(committed.length, committed.length + loose);
    expect(committed.length, 'the writers got work done between kills').to.be.at.least(RUNS);
    report(`F4: ${RUNS} writer kills (${pausedKills} inside an open unit), ${bookings.length} bookings and ${events.length} outbox rows, 0 orphans, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  it('F5: retries a failing provider on the configured backoff, gives up past the horizon into the DLQ, and delivers replays once it recovers', async () => {
    const started = Date.now();
    const clock = new TestClock(new Date(Math.floor(Date.now() / 1000) * 1000));
    const t0 = clock.now().getTime();
    sink = await startFakeSendGridServer();
    // The outage: every message answered 500 (a retryable failure).
    sink.failWhere(() => ({ status: 500, errors: [{ message: 'Internal server error', field: null }] }));
    db = await createScratchServerDatabase('f5');
    const policy = { ...DEFAULT_OUTBOX_RETRY_POLICY, baseBackoffSeconds: 60, maxAttempts: 3 };
    const env = faultEnv(db.loginUrl, sink, { OUTBOX_BASE_BACKOFF_SECONDS: String(policy.baseBackoffSeconds), OUTBOX_MAX_ATTEMPTS: String(policy.maxAttempts), OUTBOX_BATCH_SIZE: String(BATCH_SIZE) });
    let runtime = await openRuntime(env, { clock });
    const orgs = await createOrgs(runtime, 4);
    // One event in a hundred goes to an address the provider keeps refusing after it recovers.
    const doomed = (i: number) => i % 100 === 7;
    const events = await enqueueEmails(runtime, orgs, EVENTS, (i) => (doomed(i) ? `never-${i}@faults.example.com` : `client-${i}@faults.example.com`));
    const ids = events.map((e) => e.id);
    const doomedIds = new Set(events.filter((e) => e.to.startsWith('never-')).map((e) => e.id));
    const deliver = () => runtime.core.outbox.deliver.execute(systemContext(runtime, 'outbox fault test F5'));

    /** Every row of `which` is pending after `attempts` attempts, due within the backoff's jitter bounds after `from`. */
    const expectBackoff = async (which: readonly string[], attempts: number, from: number) => {
      const earliest = from + retryDelayMs(policy, attempts, 0);
      const latest = from + retryDelayMs(policy, attempts, 1);
      const rows = await storedEvents(db!.owner, which);
      expect(rows.size).to.equal(which.length);
      const off = [...rows.values()].filter((r) => r.status !== 'pending' || r.attempts !== attempts || r.last_error === null || r.next_attempt_at.getTime() < earliest || r.next_attempt_at.getTime() > latest);
      expect(off.slice(0, 3), `${off.length} rows off the backoff after attempt ${attempts} (due ${new Date(earliest).toISOString()}…${new Date(latest).toISOString()})`).to.deep.equal([]);
      // The jitter spreads them: not all due at one instant.
      expect(new Set([...rows.values()].map((r) => r.next_attempt_at.getTime())).size).to.be.greaterThan(1);
    };

    // Attempt 1 at t0: all retried, 48–60 s later.
    expect(await deliver()).to.include({ claimed: EVENTS, retried: EVENTS, sent: 0, dead: 0 });
    await expectBackoff(ids, 1, t0);
    const outageRequests = sink.requestCount;
    expect(runtime.outbox.breakers().find((b) => b.name === 'email:sendgrid')?.state, 'the breaker opened').to.equal('open');
    // Nothing is due before the shortest first delay.
    clock.set(t0 + retryDelayMs(policy, 1, 0) - 1);
    expect(await deliver()).to.include({ claimed: 0 });
    // Attempt 2 once the longest first delay has passed: 96–120 s later.
    const t1 = t0 + retryDelayMs(policy, 1, 1);
    clock.set(t1);
    expect(await deliver()).to.include({ claimed: EVENTS, retried: EVENTS, sent: 0 });
    await expectBackoff(ids, 2, t1);

    // The provider recovers, except for the doomed addresses. The breaker opened in the outage
    // waits 30 s of wall time (cockatiel's, not this clock) before a trial send: a restarted
    // runtime, whose breaker starts closed, stands in for that wait.
    sink.failWhere((body) => (body.personalizations[0]?.to[0]?.email.startsWith('never-') ? { status: 500 } : null));
    await runtime.close();
    runtime = await openRuntime(env, { clock });
    clock.set(t1 + retryDelayMs(policy, 2, 0) - 1);
    expect(await deliver(), 'nothing due before the shortest second delay').to.include({ claimed: 0 });
    const t2 = t1 + retryDelayMs(policy, 2, 1);
    clock.set(t2);
    expect(await deliver()).to.include({ claimed: EVENTS, sent: EVENTS - doomedIds.size, dead: doomedIds.size, retried: 0 });
    const afterRecovery = await storedEvents(db.owner, ids);
    for (const [id, row] of afterRecovery) {
      if (doomedIds.has(id)) expect(row, id).to.include({ status: 'dead', attempts: 3 }).and.to.have.property('last_error').that.matches(/^gave up after 3 attempts/);
      else expect(row, id).to.include({ status: 'sent', attempts: 3 });
    }

    // The dead ones are in the DLQ over HTTP, per org; replayed, they are delivered.
    const config = runtime.config;
    const server = await startHttpServer(createHttpApp(runtime, { logger: createLogger(config, new LogCapture()), checkResponses: true }), '127.0.0.1', 0, config.http.limits);
    try {
      const api = new ApiClient(server.url);
      const listed: string[] = [];
      for (const orgId of orgs) {
        const mine = events.filter((e) => e.orgId === orgId && doomedIds.has(e.id)).map((e) => e.id);
        const list = await api.call('GET', '/v1/admin/outbox/dead-letter?limit=200', { org: orgId });
        expect(list.status, list.text).to.equal(200);
        expect(list.body.total).to.equal(mine.length);
        expect(list.body.items.map((i: { id: string }) => i.id).sort()).to.deep.equal([...mine].sort());
        listed.push(...mine);
        const queue = await api.call('GET', '/v1/admin/queue/dlq?kind=outbox', { org: orgId });
        expect(queue.status, queue.text).to.equal(200);
        expect(queue.body).to.include({ outbox_dead_count: mine.length, total: mine.length });
      }
      expect(listed.length).to.equal(doomedIds.size);
      sink.failWhere(null);
      for (const id of doomedIds) {
        const orgId = events.find((e) => e.id === id)!.orgId;
        const replayed = await api.call('POST', `/v1/admin/outbox/${id}/replay`, { org: orgId, body: { reason: 'provider fixed' } });
        expect(replayed.status, replayed.text).to.equal(202);
        expect(replayed.body).to.include({ status: 'pending', attempts: 0 });
      }
      expect(await deliver()).to.include({ claimed: doomedIds.size, sent: doomedIds.size });
      for (const orgId of orgs) expect((await api.call('GET', '/v1/admin/queue/dlq', { org: orgId })).body.outbox_dead_count).to.equal(0);
    } finally {
      await server.close();
    }
    expect(await statusCounts(db.owner, ids)).to.deep.equal({ sent: EVENTS });
    const { all, distinct } = receivedIds(sink);
    expect(distinct.size).to.equal(EVENTS);
    expect(all.length, 'refused sends took no effect; nothing was sent twice').to.equal(EVENTS);

    // A provider that hangs: the adapter's 15 s timeout makes it a retry like any other. Three
    // events only (each hang costs 15 s, the three side by side), in an org of their own.
    const [hangOrg] = await createOrgs(runtime, 1);
    const hung = await enqueueEmails(runtime, [hangOrg!], 3, (i) => `hang-${i}@faults.example.com`);
    const hungIds = hung.map((e) => e.id);
    sink.failWhere((body) => (body.personalizations[0]?.to[0]?.email.startsWith('hang-') ? 'hang' : null));
    const t3 = clock.now().getTime();
    const hangStarted = Date.now();
    expect(await deliver()).to.include({ claimed: 3, retried: 3 });
    const hangMs = Date.now() - hangStarted;
    await expectBackoff(hungIds, 1, t3);
    sink.failWhere(null);
    clock.set(t3 + retryDelayMs(policy, 1, 1));
    expect(await deliver()).to.include({ claimed: 3, sent: 3 });
    expect(await statusCounts(db.owner, hungIds)).to.deep.equal({ sent: 3 });
    await runtime.close();
    report(
      `F5: ${EVENTS} events through a 500 outage (${outageRequests} requests reached the provider in attempt 1, the breaker failing the rest fast), ` +
        `${EVENTS - doomedIds.size} sent on recovery, ${doomedIds.size} dead then replayed and sent; 3 hung sends retried after ${(hangMs / 1000).toFixed(1)} s; ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  });
});

/** A clock the test moves. */
class TestClock {
  private at: number;
  constructor(start: Date) {
    this.at = start.getTime();
  }
  now(): Date {
    return new Date(this.at);
  }
  set(ms: number): void {
    this.at = ms;
  }
}
