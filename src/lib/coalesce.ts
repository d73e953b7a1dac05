/**
 * `run` one at a time: a call while it runs asks for one more run after it, not one each, so a burst of changes
 * costs two requests and the last answer is never older than the last call. Every caller's promise ends with it.
 */
export function coalesced(run: () => Promise<void>): () => Promise<void> {
  let inFlight: Promise<void> | null = null;
  let again = false;
  return () => {
    if (inFlight) {
      again = true;
      return inFlight;
    }
    inFlight = (async () => {
      do {
        again = false;
        await run();
      } while (again);
    })().finally(() => {
      inFlight = null;
    });
    return inFlight;
  };
}
