/**
 * The role the API and the job host log in as (ADR 16): LOGIN, not a superuser, no BYPASSRLS,
 * owning nothing, with no grant of its own and one membership, cws_app. Its privileges are then
 * exactly cws_app's, so a `RESET ROLE` inside a tenant transaction gains nothing.
 *
 * Roles are cluster-wide and their password is a secret, so the role is not created by a
 * migration: the owner creates it from the app's own connection URL (`npm run migrate` with
 * DATABASE_OWNER_URL and DATABASE_URL), the embedded database at start, the tests for their run.
 * Several processes may do it at once against different databases of one server.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { APP_ROLE } from './tenant-table.js';

/** The login role's name in the docs, docker-compose.yml and the embedded database. */
export const LOGIN_ROLE = 'cws_app_login';

/**
 * cws_app (NOLOGIN, NOSUPERUSER, NOBYPASSRLS), created unless it exists; an existing one with
 * SUPERUSER or BYPASSRLS is refused. Migration 0001 and the login role setup both run it.
 */
export const ENSURE_APP_ROLE_SQL = `
  DO $$
  BEGIN
    BEGIN
      CREATE ROLE ${APP_ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL;
    END;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${APP_ROLE}' AND (rolsuper OR rolbypassrls)) THEN
      RAISE EXCEPTION 'role ${APP_ROLE} exists with SUPERUSER or BYPASSRLS; row level security would not hold';
    END IF;
  END
  $$;`;

export interface LoginRoleSpec {
  readonly name: string;
  /** Set (as a SCRAM verifier, never in clear) when given; null leaves the role without one. */
  readonly password: string | null;
}

export class LoginRoleError extends Error {
  override readonly name = 'LoginRoleError';
}

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The SCRAM-SHA-256 verifier PostgreSQL stores for `password` (RFC 5802/7677, as in
 * `pg_authid.rolpassword`), so the password itself never reaches the server or its statement log.
 * Printable ASCII only: PostgreSQL SASLprep-normalises other passwords in ways this does not copy.
 */
export function scramSha256Verifier(password: string, salt: Buffer = randomBytes(16), iterations = 4096): string {
  if (!/^[\x20-\x7e]+$/.test(password)) throw new LoginRoleError('The login role password must be printable ASCII (letters, digits, punctuation)');
  const salted = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
  const storedKey = createHash('sha256').update(createHmac('sha256', salted).update('Client Key').digest()).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

/** Two processes changing roles at once can collide in the catalog; those errors are retried. */
function isCatalogRace(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e.code === '42710' || e.code === '23505' || e.code === '40001' || (e.message ?? '').includes('tuple concurrently updated');
}

async function retryingCatalogRaces<T>(work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work();
    } catch (err) {
      if (!isCatalogRace(err) || attempt >= 5) throw err;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.floor(Math.random() * 30)));
    }
  }
}

/**
 * Why `name` could do more than cws_app in this database: superuser, BYPASSRLS, CREATEROLE or
 * REPLICATION, owner of an object, a grant of its own, or membership of a role other than
 * cws_app. Empty when it is fit to be the app's login role (or does not exist).
 */
export async function loginRoleProblems(knex: Knex, name: string): Promise<string[]> {
  const { rows } = await knex.raw(
    `SELECT r.rolsuper AS superuser, r.rolbypassrls AS bypassrls, r.rolcreaterole AS createrole, r.rolreplication AS replication,
            (SELECT count(*)::int FROM pg_class WHERE relowner = r.oid)
              + (SELECT count(*)::int FROM pg_proc WHERE proowner = r.oid)
              + (SELECT count(*)::int FROM pg_namespace WHERE nspowner = r.oid) AS owned,
            (SELECT count(*)::int FROM pg_class c, aclexplode(c.relacl) a WHERE a.grantee = r.oid)
              + (SELECT count(*)::int FROM pg_proc p, aclexplode(p.proacl) a WHERE a.grantee = r.oid)
              + (SELECT count(*)::int FROM pg_namespace n, aclexplode(n.nspacl) a WHERE a.grantee = r.oid) AS grants,
            ARRAY(SELECT o.rolname::text FROM pg_roles o
                   WHERE o.oid <> r.oid AND o.rolname <> ? AND pg_has_role(r.oid, o.oid, 'MEMBER') ORDER BY 1) AS other_roles
       FROM pg_roles r WHERE r.rolname = ?`,
    [APP_ROLE, name],
  );
  const r = rows[0] as
    | { superuser: boolean; bypassrls: boolean; createrole: boolean; replication: boolean; owned: number; grants: number; other_roles: string[] }
    | undefined;
  if (r === undefined) return [];
  const problems: string[] = [];
  if (r.superuser) problems.push('is a superuser');
  if (r.bypassrls) problems.push('has BYPASSRLS');
  if (r.createrole) problems.push('has CREATEROLE (it could grant itself other roles)');
  if (r.replication) problems.push('has REPLICATION (a replication connection reads every row)');
  if (r.owned > 0) problems.push(`owns ${r.owned} object(s) in this database (an owner can change or bypass its tables' policies)`);
  if (r.grants > 0) problems.push(`holds ${r.grants} grant(s) of its own (only cws_app's may apply)`);
  if (r.other_roles.length > 0) problems.push(`is a member of ${r.other_roles.join(', ')} (only ${APP_ROLE} is allowed)`);
  return problems;
}

/**
 * Creates or updates the login role as the owner: LOGIN, INHERIT, a member of cws_app, its
 * password set when given (so the app's URL stays the one place it is written, and re-running
 * rotates it). An existing role that could do more than cws_app is refused, not altered: its
 * extra rights were given on purpose by someone, for something else.
 */
export async function ensureLoginRole(knex: Knex, role: LoginRoleSpec): Promise<void> {
  if (!ROLE_NAME.test(role.name) || role.name === APP_ROLE) {
    throw new LoginRoleError(`"${role.name}" cannot be the login role: use a lower-case name of letters, digits and _ other than ${APP_ROLE}`);
  }
  const verifier = role.password === null ? null : scramSha256Verifier(role.password);
  const refuse = (problems: string[]) => new LoginRoleError(`role ${role.name} cannot be the app's login role: it ${problems.join('; it ')}`);
  await retryingCatalogRaces(async () => {
    await knex.raw(ENSURE_APP_ROLE_SQL);
    const { rows } = await knex.raw('SELECT 1 FROM pg_roles WHERE rolname = ?', [role.name]);
    if (rows.length === 0) {
      await knex.raw('CREATE ROLE ?? LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION INHERIT', [role.name]);
    } else {
      const problems = await loginRoleProblems(knex, role.name);
      if (problems.length > 0) throw refuse(problems);
      await knex.raw('ALTER ROLE ?? LOGIN INHERIT', [role.name]);
    }
    // Only base64, digits, '$' and ':' — safe to inline (ALTER ROLE takes no parameters).
    if (verifier !== null) await knex.raw(`ALTER ROLE ?? PASSWORD '${verifier}'`, [role.name]);
    const member = await knex.raw(`SELECT pg_has_role(?, '${APP_ROLE}', 'MEMBER') AS member`, [role.name]);
    if (!member.rows[0].member) await knex.raw(`GRANT ${APP_ROLE} TO ??`, [role.name]);
  });
  const problems = await loginRoleProblems(knex, role.name);
  if (problems.length > 0) throw refuse(problems);
}

/** The user and password of a postgres:// URL (percent-decoded); null for an unparsable URL. */
export function urlCredentials(url: string): { user: string; password: string | null } | null {
  try {
    const parsed = new URL(url);
    if (parsed.username === '') return null;
    return { user: decodeURIComponent(parsed.username), password: parsed.password === '' ? null : decodeURIComponent(parsed.password) };
  } catch {
    return null;
  }
}

/**
 * After migrating as the owner: makes the user of the app's URL its login role, unless that URL
 * names the owner itself (a developer's single superuser URL: nothing to set up; the hosts warn).
 * Returns the role set up, or null.
 */
export async function provisionLoginRole(ownerKnex: Knex, appUrl: string | null): Promise<string | null> {
  const app = appUrl === null ? null : urlCredentials(appUrl);
  if (app === null) return null;
  const { rows } = await ownerKnex.raw('SELECT current_user AS owner');
  if (rows[0].owner === app.user) return null;
  await ensureLoginRole(ownerKnex, { name: app.user, password: app.password });
  return app.user;
}
