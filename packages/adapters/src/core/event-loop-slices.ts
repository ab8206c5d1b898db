/** Time a long computation may run before it lets other work on the event loop go first. */
export const SLICE_MS = 8;

/** A macrotask turn: timers and I/O callbacks waiting behind the caller run first. */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
