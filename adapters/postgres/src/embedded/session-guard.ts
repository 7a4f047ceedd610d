/**
 * What keeps an app connection of the embedded database to its own role (ADR 16).
 *
 * PGlite runs ONE session, authenticated as its bootstrap superuser, and that cannot change. The
 * wire server gives each connection the session authorization of the user it names at startup
 * (`SET SESSION AUTHORIZATION`), so RLS, grants and `SET ROLE` bind the app as on a server, and
 * `RESET ROLE` only returns to the app's own role. But a session whose authenticated user is a
 * superuser may always set its authorization back, so the server also:
 *  - refuses, before they run, the statements that could: any mention of session authorization,
 *    `set_config` with anything but a plain literal setting name, `pg_settings` (its update rule
 *    calls set_config), and Unicode-escaped names or strings (which could spell either);
 *  - takes away, at start, the other ways to run a statement it cannot read: DO blocks and new
 *    plpgsql functions, temporary objects, and the built-ins that execute SQL text;
 *  - checks what PostgreSQL reports after each batch: an app batch that left the session with
 *    another authorization is not answered, its transaction is rolled back, its connection closed.
 * This stops mistakes and the known ways round; it is not a boundary against SQL injection (see
 * the ADR for what it cannot do). Production uses a server, where the login role has no way back.
 */

/** Reasons a statement from an app connection is refused, or null when it may run. */
export function refusedStatement(sql: string): string | null {
  if (/session_authorization/i.test(sql) || /\bsession\b[\s\S]*\bauthorization\b/i.test(sql)) return 'changes the session authorization';
  if (/\bpg_settings\b/i.test(sql)) return 'writes settings through pg_settings';
  if (/u&['"]/i.test(sql)) return 'uses Unicode escapes';
  for (const m of sql.matchAll(/set_config/gi)) {
    // The setting name must be a plain literal: no expression, parameter, escape or concatenation.
    if (!/^set_config\s*\(\s*'[^'\\]*'\s*,/i.test(sql.slice(m.index))) return 'calls set_config with a computed setting name';
  }
  return null;
}

/**
 * Run by the embedded database as its superuser at start: no DO blocks or new plpgsql functions
 * for anyone else (calling existing ones needs no USAGE), no temporary objects, and none of the
 * built-ins that run a query given as text. The app needs none of them; migrations run as the
 * superuser, which these do not bind.
 */
export const EMBEDDED_HARDENING_SQL = `
  REVOKE USAGE ON LANGUAGE plpgsql FROM PUBLIC;
  REVOKE TEMPORARY ON DATABASE postgres FROM PUBLIC;
  DO $$
  DECLARE f regprocedure;
  BEGIN
    FOR f IN SELECT p.oid::regprocedure FROM pg_proc p
              WHERE p.pronamespace = 'pg_catalog'::regnamespace
                AND p.proname IN ('query_to_xml', 'query_to_xmlschema', 'query_to_xml_and_xmlschema',
                                  'cursor_to_xml', 'cursor_to_xmlschema', 'ts_stat', 'ts_rewrite')
    LOOP
      EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', f);
    END LOOP;
  END
  $$;`;

/** The `user` of a startup packet (length, protocol, then name/value pairs), or null. */
export function startupUser(packet: Uint8Array): string | null {
  const fields = Buffer.from(packet.buffer, packet.byteOffset + 8, packet.length - 8).toString('utf8').split('\0');
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === 'user') return fields[i + 1]!;
  return null;
}

/** The SQL text of every Query ('Q') and Parse ('P') message in a batch of client messages. */
export function statementsOf(batch: Uint8Array): string[] {
  const bytes = Buffer.from(batch.buffer, batch.byteOffset, batch.length);
  const texts: string[] = [];
  for (let at = 0; at + 5 <= bytes.length; at += 1 + bytes.readInt32BE(at + 1)) {
    const type = bytes[at];
    const body = bytes.subarray(at + 5, at + 1 + bytes.readInt32BE(at + 1));
    if (type === 0x51) texts.push(body.toString('utf8', 0, Math.max(0, body.indexOf(0))));
    if (type === 0x50) {
      const name = body.indexOf(0);
      texts.push(body.toString('utf8', name + 1, body.indexOf(0, name + 1)));
    }
  }
  return texts;
}

/** Backend messages of `out` of one type, as their bodies. */
function* messagesOf(out: Uint8Array, type: number): Generator<Buffer> {
  const bytes = Buffer.from(out.buffer, out.byteOffset, out.length);
  for (let at = 0; at + 5 <= bytes.length; at += 1 + bytes.readInt32BE(at + 1)) {
    if (bytes[at] === type) yield bytes.subarray(at + 5, at + 1 + bytes.readInt32BE(at + 1));
  }
}

/** The last value PostgreSQL reported (ParameterStatus) for each parameter in a reply. */
export function reportedParameters(out: Uint8Array): Map<string, string> {
  const reported = new Map<string, string>();
  for (const body of messagesOf(out, 0x53)) {
    const [name, value] = body.toString('utf8').split('\0');
    reported.set(name!, value ?? '');
  }
  return reported;
}

/** The message of the first ErrorResponse in a reply, or null. */
export function errorIn(out: Uint8Array): string | null {
  for (const body of messagesOf(out, 0x45)) {
    for (const field of body.toString('utf8').split('\0')) if (field.startsWith('M')) return field.slice(1);
    return 'error';
  }
  return null;
}

/** A protocol message: its type byte, its length, its body. */
function message(type: string, body: Buffer): Uint8Array {
  const msg = Buffer.alloc(5 + body.length);
  msg.write(type, 0, 'latin1');
  msg.writeInt32BE(4 + body.length, 1);
  body.copy(msg, 5);
  return new Uint8Array(msg);
}

/** An ErrorResponse from the wire server itself. */
export function errorResponse(severity: 'ERROR' | 'FATAL', code: string, text: string): Uint8Array {
  return message('E', Buffer.from(`S${severity}\0V${severity}\0C${code}\0M${text}\0\0`, 'utf8'));
}

/** A simple-protocol Query message. */
export function simpleQuery(sql: string): Uint8Array {
  return message('Q', Buffer.from(`${sql}\0`, 'utf8'));
}

/** A role name as a quoted identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
