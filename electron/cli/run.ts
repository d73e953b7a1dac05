import { parseArgs } from 'node:util';
import { CliExit, EXIT, OPTIONS } from './options';
import { USAGE } from './usage';

/** Commands answered straight from the database: no keychain, no provider modules, no whole vault in memory. */
const READ_COMMANDS = new Set(['list', 'expiring']);

/**
 * The keyward command: runs one command for `argv` (the arguments after the program) and returns its exit
 * code; a failure is one line on stderr. Shared by the npm bin (cli.ts) and the app binary's CLI mode.
 * Modules load per command, so `--help` and the read commands start in a fraction of the full graph's time.
 */
export async function runCli(argv: string[]): Promise<number> {
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    } catch (err) {
      throw new CliExit(EXIT.usage, `${(err as Error).message}. See keyward --help.`);
    }
    const { values, positionals } = parsed;
    const command = positionals[0];
    if (values.help || !command) {
      process.stdout.write(`${USAGE}\n`);
      return values.help ? EXIT.fine : EXIT.usage;
    }
    if (positionals.length > 1)
      throw new CliExit(EXIT.usage, `Unexpected argument "${positionals[1]}". See keyward --help.`);
    if (READ_COMMANDS.has(command)) return await (await import('./read-commands')).runReadCommand(values, command);
    return await (await import('./main')).runCommand(values, command);
  } catch (err) {
    process.stderr.write(`keyward: ${err instanceof Error ? err.message : String(err)}\n`);
    return err instanceof CliExit ? err.code : EXIT.failing;
  }
}
