/**
 * The flags of an entry point, the same way for every command: `--help`/`-h` prints the usage
 * and exits 0; an unknown flag, a missing value or a stray argument prints what is wrong and the
 * usage, and exits 2 (EX_USAGE-like) — never a stack trace.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;

export interface CommandDefinition<O extends ParseArgsOptionsConfig> {
  /** Short name used in messages, e.g. `jobs`. */
  readonly name: string;
  /** The full usage text (ends with a newline). */
  readonly usage: string;
  readonly options: O;
}

type ParsedValues<O extends ParseArgsOptionsConfig> = ReturnType<typeof parseArgs<{ options: O; strict: true; allowPositionals: false }>>['values'];

export function parseCommandLine<const O extends ParseArgsOptionsConfig>(command: CommandDefinition<O>, args: readonly string[] = process.argv.slice(2)): ParsedValues<O> {
  const beforeTerminator = args.includes('--') ? args.slice(0, args.indexOf('--')) : args;
  if (beforeTerminator.includes('--help') || beforeTerminator.includes('-h')) {
    process.stdout.write(command.usage);
    process.exit(0);
  }
  try {
    return parseArgs({ args: [...args], options: command.options, strict: true, allowPositionals: false }).values;
  } catch (err) {
    process.stderr.write(`${command.name}: ${err instanceof Error ? err.message : String(err)}\n\n${command.usage}`);
    process.exit(2);
  }
}
