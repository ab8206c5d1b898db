/**
 * A parsed JSON value cut into frames of at most `budget` values each, to cross between
 * threads one frame per turn. Handing a whole value over (structured clone) costs the
 * receiving thread one uninterrupted call per value it holds: 300,000 values, a body of
 * 100,000 short chat turns, held the event loop 43-99 ms in one call. A frame of a few
 * thousand values costs a few milliseconds, and the loop runs between frames.
 *
 * A frame is a list of entries `[path, start, items]`, in the order they are to be applied:
 * - `path` null: `items` is the root value itself (or an empty shell of it);
 * - `path` leading to an array: `items` is a run of its elements from index `start`;
 * - `path` leading to an object: `items` is a flat run of keys and values, `[k1, v1, k2, v2]`
 *   (pairs rather than an object, so that a key named `__proto__` stays a key).
 * A container too big for a frame travels as an empty shell (`[]` or `{}`) in its parent's
 * entry, and later entries fill it. Entries follow the value's own order, so arrays fill
 * from their start and objects keep their key order.
 *
 * Both functions are self-contained (nothing imported, helpers inside): the JSON worker runs
 * their source (json-worker.ts). Values are JSON data: what `JSON.parse` returns.
 */
export type JsonFrameEntry = [path: (string | number)[] | null, start: number, items: unknown];
export type JsonFrame = JsonFrameEntry[];

export function* splitJsonIntoFrames(root: unknown, budget: number): Generator<JsonFrame> {
  /** Values in `value` (itself included), counted until they pass `limit`. */
  const countUpTo = (value: unknown, limit: number): number => {
    const pending: unknown[] = [value];
    let count = 0;
    while (pending.length > 0) {
      const next = pending.pop();
      if (++count > limit) return count;
      if (typeof next !== 'object' || next === null) continue;
      const children = Array.isArray(next) ? next : Object.values(next);
      for (let i = 0; i < children.length; i++) {
        const child = children[i];
        if (typeof child === 'object' && child !== null) pending.push(child);
        else if (++count > limit) return count;
      }
    }
    return count;
  };
  const shellOf = (value: object) => (Array.isArray(value) ? [] : {});
  let frame: JsonFrame = [];
  let room = budget;
  function* flush(): Generator<JsonFrame> {
    if (frame.length > 0) yield frame;
    frame = [];
    room = budget;
  }
  /** The children of a container too big for one frame, filling its shell at `path`. */
  function* sendChildren(container: object, path: (string | number)[]): Generator<JsonFrame> {
    const isArray = Array.isArray(container);
    const keys = isArray ? undefined : Object.keys(container);
    const length = isArray ? container.length : (keys as string[]).length;
    let items: unknown[] = [];
    let start = 0;
    const close = () => {
      if (items.length > 0) frame.push([path, start, items]);
      items = [];
    };
    for (let i = 0; i < length; i++) {
      const key = isArray ? i : (keys as string[])[i]!;
      const child = (container as Record<string | number, unknown>)[key];
      const size = countUpTo(child, budget);
      // One that fits a frame of its own starts one; this one is sent as it is.
      if ((size > room && size <= budget) || (size > budget && room < 1)) {
        close();
        yield* flush();
      }
      // An array's run starts at its first element.
      if (items.length === 0) start = i;
      if (!isArray) items.push(key);
      if (size <= room) {
        items.push(child);
        room -= size;
      } else {
        // Bigger than a frame: its shell here, its children in entries of their own.
        items.push(shellOf(child as object));
        room -= 1;
        close();
        yield* sendChildren(child as object, [...path, key]);
      }
    }
    close();
  }
  if (typeof root !== 'object' || root === null || countUpTo(root, budget) <= budget) {
    yield [[null, 0, root]];
    return;
  }
  frame.push([null, 0, shellOf(root)]);
  room -= 1;
  yield* sendChildren(root, []);
  yield* flush();
}

/** Applies one frame to what the frames so far built; returns the root. */
export function applyJsonFrame(root: unknown, frame: JsonFrame): unknown {
  let built = root;
  for (const [path, start, items] of frame) {
    if (path === null) {
      built = items;
      continue;
    }
    let target = built as Record<string | number, unknown>;
    for (const key of path) target = target[key] as Record<string | number, unknown>;
    const run = items as unknown[];
    if (Array.isArray(target)) {
      for (let i = 0; i < run.length; i++) target[start + i] = run[i];
      continue;
    }
    for (let i = 0; i < run.length; i += 2) {
      const key = run[i] as string;
      // Assigning `__proto__` would set the prototype: JSON.parse makes it an own key.
      if (key === '__proto__')
        Object.defineProperty(target, key, {
          value: run[i + 1],
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else target[key] = run[i + 1];
    }
  }
  return built;
}
