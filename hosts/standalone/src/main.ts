#!/usr/bin/env node
/** `npm start`: the standalone process (see standalone.ts). Ctrl-C stops it cleanly. */
import { exitOnStartFailure, loadConfigOrExit, stopOnSignals } from '@cws/composition';
import { startBanner, startStandalone } from './standalone.js';

async function main(): Promise<void> {
  const app = await startStandalone(loadConfigOrExit());
  process.stdout.write(startBanner(app));
  stopOnSignals(app.logger, 'standalone', () => app.stop());
}

main().catch(exitOnStartFailure('standalone'));
