import type { GeminiPartialArg } from './gemini-api';

/*
 * Vertex's `streamFunctionCallArguments` sends a call's arguments as fragments addressed by
 * JSONPath (`$.location`, `$.items[0].name`). A string may arrive in pieces: a fragment with
 * `willContinue` is followed by more text for the same path. This rebuilds the object.
 */
export interface PartialArgsState {
  readonly args: Record<string, unknown>;
  /** Paths whose string value is still being streamed. */
  readonly openStrings: Set<string>;
}

export function createPartialArgsState(): PartialArgsState {
  return { args: {}, openStrings: new Set() };
}

export function applyPartialArgs(state: PartialArgsState, fragments: readonly GeminiPartialArg[]) {
  for (const fragment of fragments) {
    const path = parseJsonPath(fragment.jsonPath);
    if (path.length === 0) continue;
    if (fragment.stringValue !== undefined) {
      const previous = state.openStrings.has(fragment.jsonPath) ? readPath(state.args, path) : '';
      setPath(
        state.args,
        path,
        `${typeof previous === 'string' ? previous : ''}${fragment.stringValue}`,
      );
      if (fragment.willContinue) state.openStrings.add(fragment.jsonPath);
      else state.openStrings.delete(fragment.jsonPath);
    } else if (fragment.numberValue !== undefined) {
      setPath(state.args, path, fragment.numberValue);
    } else if (fragment.boolValue !== undefined) {
      setPath(state.args, path, fragment.boolValue);
    } else if ('nullValue' in fragment) {
      setPath(state.args, path, null);
    }
  }
}

type PathSegment = string | number;

const SEGMENT = /\.([^.[\]]+)|\[(\d+)\]|\['([^']*)'\]|\["([^"]*)"\]/g;

export function parseJsonPath(jsonPath: string): PathSegment[] {
  if (!jsonPath.startsWith('$')) return [];
  const segments: PathSegment[] = [];
  for (const match of jsonPath.slice(1).matchAll(SEGMENT)) {
    const [, dotted, index, singleQuoted, doubleQuoted] = match;
    if (index !== undefined) segments.push(Number(index));
    else segments.push(dotted ?? singleQuoted ?? doubleQuoted ?? '');
  }
  return segments;
}

type Container = Record<string, unknown> | unknown[];

function readPath(root: Container, path: readonly PathSegment[]): unknown {
  let current: unknown = root;
  for (const segment of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PathSegment, unknown>)[segment];
  }
  return current;
}

function setPath(root: Container, path: readonly PathSegment[], value: unknown) {
  let current = root as Record<PathSegment, unknown>;
  path.forEach((segment, position) => {
    const next = path[position + 1];
    if (next === undefined) {
      current[segment] = value;
      return;
    }
    const child = current[segment];
    if (typeof child !== 'object' || child === null) {
      current[segment] = typeof next === 'number' ? [] : {};
    }
    current = current[segment] as Record<PathSegment, unknown>;
  });
}
