import { expect } from 'chai';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { embeddedTemplatePath, startEmbeddedPostgres } from '@cws/adapter-postgres';
// The install-time script is plain JavaScript; both must agree on where the template lives.
import { embeddedTemplatePath as scriptTemplatePath } from '../../../tools/prepare-embedded-template.mjs';

async function query(connectionString: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('embedded PostgreSQL (PGlite behind pglite-socket)', function () {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cws-embedded-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('looks for the install-time template where the prepare script writes it', () => {
    expect(embeddedTemplatePath()).to.equal(scriptTemplatePath());
    expect(embeddedTemplatePath()).to.match(/node_modules\/\.cache\/cleanwithsnapshot\/pglite-[\d.]+-template\.tgz$/);
  });

  it('starts a new data directory (from the template when present) and keeps its data across restarts', async () => {
    const dataDir = join(dir, 'pgdata');
    const first = await startEmbeddedPostgres({ dataDir });
    await query(first.connectionString, 'create table kept (v text); insert into kept values ($$across restarts$$)');
    await first.close();
    expect(existsSync(join(dataDir, 'PG_VERSION'))).to.equal(true);
    const second = await startEmbeddedPostgres({ dataDir, templateFile: null });
    try {
      expect(await query(second.connectionString, 'select v from kept')).to.deep.equal([{ v: 'across restarts' }]);
    } finally {
      await second.close();
    }
  });

  it('works without a template too (initdb)', async () => {
    const db = await startEmbeddedPostgres({ dataDir: null, templateFile: join(dir, 'absent.tgz') });
    try {
      expect(await query(db.connectionString, 'select 1 as one')).to.deep.equal([{ one: 1 }]);
    } finally {
      await db.close();
    }
  });

  it('refuses a data directory held by a live process and takes over one left by a dead process', async () => {
    const dataDir = join(dir, 'pgdata');
    const held = await startEmbeddedPostgres({ dataDir });
    try {
      const err = await startEmbeddedPostgres({ dataDir }).then(() => null, (e: Error) => e);
      expect(err?.message).to.match(/in use by process \d+/);
    } finally {
      await held.close();
    }
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dataDir, 'cws.lock'), '2147483646'); // no such pid
    const again = await startEmbeddedPostgres({ dataDir });
    await again.close();
  });
});
