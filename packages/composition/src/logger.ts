/**
 * JSON log lines in the guides' shape (`timestamp`, `level`, `message`, then fields), one
 * logger per process shared by its hosts. pino writes synchronously-cheap lines to stdout.
 */
import { pino, type Logger } from 'pino';
import type { Config } from './config/index.js';

export type { Logger } from 'pino';

const PINO_LEVEL = { DEBUG: 'debug', INFO: 'info', WARNING: 'warn', ERROR: 'error' } as const;
const LABEL: Record<string, string> = { trace: 'TRACE', debug: 'DEBUG', info: 'INFO', warn: 'WARNING', error: 'ERROR', fatal: 'CRITICAL' };

export function createLogger(config: Pick<Config, 'logLevel'>, destination?: NodeJS.WritableStream): Logger {
  const options = {
    level: PINO_LEVEL[config.logLevel],
    messageKey: 'message',
    base: undefined,
    timestamp: () => `,"timestamp":"${new Date().toISOString()}"`,
    formatters: { level: (label: string) => ({ level: LABEL[label] ?? label.toUpperCase() }) },
  };
  return destination === undefined ? pino(options) : pino(options, destination as never);
}
