import { runCli } from './main';

// Exit explicitly once output is flushed: idle keep-alive sockets must not hold a cron job open.
void runCli(process.argv.slice(2)).then((code) => process.stdout.write('', () => process.exit(code)));
