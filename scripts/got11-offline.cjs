// Preloaded into Electronegativity only: its got 11 client throws again from retry timers on Node >= 24.20 after
// an offline failure it already reported (sindresorhus/got#2469). Those strays are dropped; any other uncaught
// error ends the process with code 1.
const inGot = /[\\/]node_modules[\\/](got|p-cancelable)[\\/]/;
process.on('uncaughtException', (error) => {
  if (error instanceof Error && inGot.test(error.stack ?? '')) return;
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
