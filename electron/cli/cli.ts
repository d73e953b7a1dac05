import { failureFields } from '../main/process-guard';
import { runCli } from './run';

// Exit explicitly once output is flushed: idle keep-alive sockets must not hold a cron job open.
const finish = (code: number) => process.stdout.write('', () => process.exit(code));
// A failure outside the command's promise ends the run with the failing code and one line naming it, never a stack.
const unexpected = (err: unknown) => {
  const { error, code, reason } = failureFields(err);
  process.stderr.write(`keyward: unexpected failure (${[error, code, reason].filter(Boolean).join(': ')})\n`);
  finish(1);
};
process.on('unhandledRejection', unexpected);
process.on('uncaughtException', unexpected);
runCli(process.argv.slice(2)).then(finish, unexpected);
