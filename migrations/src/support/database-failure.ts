/**
 * One line for each way a command cannot use its database — nothing listens at the address, the
 * host is unknown, the database or the role does not exist, the password is wrong, the server is
 * starting — with what to change. null for anything else (a real bug keeps its stack). Never
 * quotes DATABASE_URL: it may hold a password.
 */
interface DriverError {
  readonly code?: string;
  readonly message?: string;
  readonly name?: string;
  readonly address?: string;
  readonly port?: number;
  readonly hostname?: string;
  readonly cause?: unknown;
}

function describeOne(e: DriverError): string | null {
  switch (e.code) {
    case 'ECONNREFUSED':
      return `nothing accepts connections at ${e.address ?? 'the database address'}${e.port === undefined ? '' : `:${e.port}`}: start PostgreSQL there, or fix the host and port in DATABASE_URL`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the database host ${e.hostname ?? '(unnamed)'} cannot be found: fix the host in DATABASE_URL`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `the database server cannot be reached (${e.code}): check the host in DATABASE_URL and the network between`;
    case '3D000':
      return `${e.message ?? 'the database does not exist'}: create it (createdb <name>), or fix the database name at the end of DATABASE_URL`;
    case '28P01':
    case '28000':
      return `${e.message ?? 'the server refused the login'}: fix the user or password in DATABASE_URL`;
    case '57P03':
      return 'the database server is starting up: try again in a moment';
    default:
      break;
  }
  if (e.name === 'KnexTimeoutError') return 'no database connection could be opened in time: check that PostgreSQL at DATABASE_URL is up and accepting connections';
  return null;
}

export function describeDatabaseFailure(err: unknown): string | null {
  // Errors may arrive wrapped (an AppError whose cause is the driver's error): look one level in.
  for (let current: unknown = err, depth = 0; current !== null && typeof current === 'object' && depth < 3; depth += 1) {
    const line = describeOne(current as DriverError);
    if (line !== null) return line;
    current = (current as DriverError).cause;
  }
  return null;
}
