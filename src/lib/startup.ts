// What the first screen needs is asked first: main answers one call at a time, and at 10,000 tokens the whole
// vault snapshot, findings and expiry overview take it a second or more. They wait until the first view has
// painted (the inventory's first page), or at most a moment.

const MAX_WAIT_MS = 1_500;
let release: () => void = () => {};
const painted = new Promise<void>((resolve) => {
  release = resolve;
});
setTimeout(() => release(), MAX_WAIT_MS);

/** Resolves once the first view has painted its own data (or after MAX_WAIT_MS). */
export function afterFirstView(): Promise<void> {
  return painted;
}

/** Called by the first view once its content is on screen; views that need the whole vault call it at once. */
export function firstViewPainted(): void {
  release();
}
