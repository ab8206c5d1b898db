import type { Compilable, CompiledQuery, QueryResult } from 'kysely';
import type { Executor } from './executor';

/** Stands for the n-th argument while the query is built; swapped for it when run. */
class Placeholder {
  constructor(readonly index: number) {}
}

/**
 * A query of a fixed shape, built and compiled by Kysely once per dialect, then run with
 * each call's arguments. Kysely builds and compiles every query from scratch, which for the
 * one-row updates of a settlement costs several times what the database takes to run them,
 * a dozen times per relayed request. `build` is called once per dialect, with placeholders for its
 * arguments: it must pass each on as a plain value (never branch on it or spread it), so
 * that the compiled SQL holds for every call.
 */
export function compileOnce<Args extends readonly unknown[]>(
  arity: Args['length'],
  build: (executor: Executor, ...args: Args) => Compilable,
): (executor: Executor, ...args: Args) => Promise<QueryResult<unknown>> {
  const compiledByDialect = new Map<string, CompiledQuery>();
  return (executor, ...args) => {
    let compiled = compiledByDialect.get(executor.dialect);
    if (!compiled) {
      const placeholders = Array.from({ length: arity }, (_, index) => new Placeholder(index));
      compiled = build(executor, ...(placeholders as unknown as Args)).compile();
      compiledByDialect.set(executor.dialect, compiled);
    }
    const parameters = compiled.parameters.map((value) =>
      value instanceof Placeholder ? args[value.index] : value,
    );
    return executor.db.executeQuery({ ...compiled, parameters });
  };
}

/**
 * A query whose shape depends only on how many items it carries (a multi-row INSERT, an IN
 * list, a CASE branch per item), compiled once per dialect and count, as `compileOnce`
 * does for one shape. `build` gets `count` items of `arity` placeholders each and, as
 * there, must pass each on as a plain value. Counts are bounded by the caller's batch size,
 * so the compiled shapes are too.
 */
export function compileOncePerCount(
  arity: number,
  build: (executor: Executor, items: readonly (readonly unknown[])[]) => Compilable,
): (executor: Executor, items: readonly (readonly unknown[])[]) => Promise<QueryResult<unknown>> {
  const compiledByShape = new Map<string, CompiledQuery>();
  return (executor, items) => {
    const shape = `${executor.dialect}:${items.length}`;
    let compiled = compiledByShape.get(shape);
    if (!compiled) {
      const placeholders = items.map((_, item) =>
        Array.from({ length: arity }, (_, index) => new Placeholder(item * arity + index)),
      );
      compiled = build(executor, placeholders).compile();
      compiledByShape.set(shape, compiled);
    }
    const args = items.flat();
    const parameters = compiled.parameters.map((value) =>
      value instanceof Placeholder ? args[value.index] : value,
    );
    return executor.db.executeQuery({ ...compiled, parameters });
  };
}

/** Rows changed by an UPDATE run through `compileOnce`. */
export function changedRows(result: QueryResult<unknown>): number {
  return Number(result.numAffectedRows ?? 0n);
}
