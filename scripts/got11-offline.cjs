// Preloaded into Electronegativity only. Its HTTP client, got 11 (unmaintained), throws again from its retry
// timers on Node >= 24.20 when a request fails offline (sindresorhus/got#2469), after the failure was already
// caught and reported. Uncaught errors raised inside got are those strays and are dropped; any other ends
// the process with code 1, as without this file.
const inGot = /[\\/]node_modules[\\/](got|p-cancelable)[\\/]/;
process.on('uncaughtException', (error) => {
  if (error instanceof Error && inGot.test(error.stack ?? '')) return;
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
