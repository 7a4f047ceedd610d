import { expect } from 'chai';
import { createCore, type Core, type RequestContext, type Suggestions } from '@cws/core';
import { schedulingFixture, TUE, utc, type SchedulingFixture } from '../../support/scheduling-fixture.js';

const WINDOW = { start: utc(TUE, '10:00').toISOString(), end: utc(TUE, '12:00').toISOString() };
const TTL = 5_000;
const names = (s: Suggestions) => s.workers.map((w) => w.worker.name);

/**
 * The roster suggestions keep per org (ADR 22): what this process changes shows at once, another
 * org's entry never answers, and what another process changes shows once the entry expires. The
 * fixture's clock only moves when a test moves it, so nothing here expires by accident.
 */
describe('Suggestions: the org roster cache', () => {
  let fx: SchedulingFixture;
  let orgId: string;
  const suggest = (core: Core, ctx: RequestContext, input: Record<string, unknown> = {}) => core.schedule.suggestions.execute(ctx, { ...WINDOW, ...input });

  beforeEach(async () => {
    fx = schedulingFixture({ rosterCache: { ttlMs: TTL } });
    orgId = await fx.newOrg('acme');
  });

  it('shows a change made in this process in the very next suggestion: workers, teams, working hours, the time zone', async () => {
    const ann = await fx.worker(orgId, { name: 'Ann', skills: ['windows'] });
    const team = await fx.team(orgId, 'Blue');
    expect(names(await suggest(fx.core, fx.ctx(orgId)))).to.deep.equal(['Ann']);

    const bob = await fx.worker(orgId, { name: 'Bob', skills: ['windows'], teamId: team.id });
    expect(names(await suggest(fx.core, fx.ctx(orgId)))).to.deep.equal(['Ann', 'Bob']);

    await fx.core.workforce.updateWorker.execute(fx.ctx(orgId), { id: ann.id, skills: ['ironing'] });
    expect(names(await suggest(fx.core, fx.ctx(orgId), { skillTags: ['windows'] }))).to.deep.equal(['Bob']);

    await fx.core.workforce.updateTeam.execute(fx.ctx(orgId), { id: team.id, name: 'Green' });
    const renamed = await suggest(fx.core, fx.ctx(orgId));
    expect(renamed.workers.find((w) => w.worker.id === bob.id)!.worker.teamName).to.equal('Green');
    expect(renamed.teams.map((t) => t.team.name)).to.deep.equal(['Green']);

    // 10:00–12:00 UTC is inside 09:00–17:00 in UTC, and 05:00–07:00 in New York.
    await fx.core.workforce.updateWorker.execute(fx.ctx(orgId), { id: bob.id, workingHours: { tue: [{ start: '09:00', end: '17:00' }] } });
    expect((await suggest(fx.core, fx.ctx(orgId))).workers.find((w) => w.worker.id === bob.id)!.withinWorkingHours).to.equal(true);
    await fx.core.orgs.updateSettings.execute(fx.ctx(orgId), { timeZone: 'America/New_York' });
    expect((await suggest(fx.core, fx.ctx(orgId))).workers.find((w) => w.worker.id === bob.id)!.withinWorkingHours).to.equal(false);

    await fx.core.workforce.updateWorker.execute(fx.ctx(orgId), { id: bob.id, active: false });
    expect(names(await suggest(fx.core, fx.ctx(orgId)))).to.deep.equal(['Ann']);
  });

  it("never answers one org with another org's roster", async () => {
    const other = await fx.newOrg('other');
    await fx.worker(orgId, { name: 'Ann' });
    await fx.team(orgId, 'Blue');
    await fx.worker(other, { name: 'Zed' });
    // Org A's entry is filled first, then B asks within the TTL, then A again.
    expect(names(await suggest(fx.core, fx.ctx(orgId)))).to.deep.equal(['Ann']);
    const b = await suggest(fx.core, fx.ctx(other));
    expect(names(b)).to.deep.equal(['Zed']);
    expect(b.teams).to.deep.equal([]);
    expect(names(await suggest(fx.core, fx.ctx(orgId)))).to.deep.equal(['Ann']);
    // A change in B drops B's entry only, and shows in B.
    await fx.worker(other, { name: 'Yan' });
    expect(names(await suggest(fx.core, fx.ctx(other)))).to.deep.equal(['Yan', 'Zed']);
    expect(names(await suggest(fx.core, fx.ctx(orgId)))).to.deep.equal(['Ann']);
  });

  it('sees a change made by another process once the entry expires, and not before', async () => {
    // A second core over the same store stands for another server process: its writes cannot reach this one's cache.
    const elsewhere = createCore({ ...fx.adapters, clock: fx.clock, ids: fx.ids });
    const ann = await fx.worker(orgId, { name: 'Ann' });
    expect(names(await suggest(fx.core, fx.ctx(orgId)))).to.deep.equal(['Ann']);

    await elsewhere.workforce.updateWorker.execute(fx.ctx(orgId), { id: ann.id, name: 'Anna' });
    fx.clock.advance(TTL - 1);
    expect(names(await suggest(fx.core, fx.ctx(orgId))), 'within the TTL').to.deep.equal(['Ann']);
    fx.clock.advance(1);
    expect(names(await suggest(fx.core, fx.ctx(orgId))), 'at the TTL').to.deep.equal(['Anna']);
  });

  it('with a TTL of 0 reads the roster on every call', async () => {
    const off = schedulingFixture({ rosterCache: { ttlMs: 0 } });
    const org = await off.newOrg('acme');
    const ann = await off.worker(org, { name: 'Ann' });
    const elsewhere = createCore({ ...off.adapters, clock: off.clock, ids: off.ids });
    expect(names(await suggest(off.core, off.ctx(org)))).to.deep.equal(['Ann']);
    await elsewhere.workforce.updateWorker.execute(off.ctx(org), { id: ann.id, name: 'Anna' });
    expect(names(await suggest(off.core, off.ctx(org)))).to.deep.equal(['Anna']);
  });

  it('keeps at most maxOrgs entries, dropping the least recently used', async () => {
    const small = schedulingFixture({ rosterCache: { ttlMs: TTL, maxOrgs: 2 } });
    const orgs = [await small.newOrg('a'), await small.newOrg('b'), await small.newOrg('c')];
    const workers = [await small.worker(orgs[0]!, { name: 'W0' }), await small.worker(orgs[1]!, { name: 'W1' }), await small.worker(orgs[2]!, { name: 'W2' })];
    const elsewhere = createCore({ ...small.adapters, clock: small.clock, ids: small.ids });
    for (const o of orgs) await suggest(small.core, small.ctx(o)); // a is evicted by c
    for (const [i, o] of orgs.entries()) await elsewhere.workforce.updateWorker.execute(small.ctx(o), { id: workers[i]!.id, name: `New${i}` });
    // b and c still answer from their entries; a was evicted, so it reads again.
    expect(names(await suggest(small.core, small.ctx(orgs[2]!)))).to.deep.equal(['W2']);
    expect(names(await suggest(small.core, small.ctx(orgs[1]!)))).to.deep.equal(['W1']);
    expect(names(await suggest(small.core, small.ctx(orgs[0]!)))).to.deep.equal(['New0']);
  });
});
