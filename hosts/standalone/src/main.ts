#!/usr/bin/env node
/** `npm start`: the standalone process (see standalone.ts). Ctrl-C stops it cleanly. */
import { exitOnStartFailure, loadConfigOrExit, parseCommandLine, stopOnSignals } from '@cws/composition';
import { startBanner, startStandalone } from './standalone.js';

const USAGE = `Usage: npm start
       node hosts/standalone/dist/main.js

Runs the HTTP API and the job host in one process. Without DATABASE_URL it uses an embedded
PostgreSQL kept in EMBEDDED_DATA_DIR (./var/pgdata), applies the migrations, creates a demo
organisation on the first start, and prints how to sign in. Settings come from the environment
and ./.env (every variable is listed in .env.example); HOST and PORT say where it listens.

Options:
  -h, --help   show this help
`;

async function main(): Promise<void> {
  parseCommandLine({ name: 'start', usage: USAGE, options: {} });
  const app = await startStandalone(loadConfigOrExit());
  process.stdout.write(startBanner(app));
  stopOnSignals(app.logger, 'standalone', () => app.stop());
}

main().catch(exitOnStartFailure('standalone'));
