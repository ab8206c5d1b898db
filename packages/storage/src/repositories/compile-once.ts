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
  const preparedByDialect = new Map<string, PreparedQuery>();
  return (executor, ...args) => {
    let prepared = preparedByDialect.get(executor.dialect);
    if (!prepared) {
      const placeholders = Array.from({ length: arity }, (_, index) => new Placeholder(index));
      prepared = prepare(build(executor, ...(placeholders as unknown as Args)).compile());
      preparedByDialect.set(executor.dialect, prepared);
    }
    return executor.db.executeQuery(bind(prepared, (slot) => args[slot]));
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
  const preparedByShape = new Map<string, PreparedQuery>();
  return (executor, items) => {
    const shape = `${executor.dialect}:${items.length}`;
    let prepared = preparedByShape.get(shape);
    if (!prepared) {
      const placeholders = items.map((_, item) =>
        Array.from({ length: arity }, (_, index) => new Placeholder(item * arity + index)),
      );
      prepared = prepare(build(executor, placeholders).compile());
      preparedByShape.set(shape, prepared);
    }
    // Read in place: flattening the items first copied every value once more per call.
    return executor.db.executeQuery(
      bind(
        prepared,
        (slot) => (items[Math.floor(slot / arity)] as readonly unknown[])[slot % arity],
      ),
    );
  };
}

/**
 * A compiled query and, for each of its parameters, the argument it takes: the index of a
 * placeholder, found once here rather than by an `instanceof` per parameter per call, or
 * -1 for a value the query holds itself.
 */
interface PreparedQuery {
  readonly compiled: CompiledQuery;
  readonly slots: readonly number[];
}

function prepare(compiled: CompiledQuery): PreparedQuery {
  const slots = compiled.parameters.map((value) =>
    value instanceof Placeholder ? value.index : -1,
  );
  return { compiled, slots };
}

/** The compiled query with each placeholder swapped for `argumentAt(its index)`. */
function bind(
  { compiled, slots }: PreparedQuery,
  argumentAt: (slot: number) => unknown,
): CompiledQuery {
  const parameters: unknown[] = new Array(slots.length);
  for (let index = 0; index < slots.length; index++) {
    const slot = slots[index] as number;
    parameters[index] = slot < 0 ? compiled.parameters[index] : argumentAt(slot);
  }
  return { ...compiled, parameters };
}

/** Rows changed by an UPDATE run through `compileOnce`. */
export function changedRows(result: QueryResult<unknown>): number {
  return Number(result.numAffectedRows ?? 0n);
}
