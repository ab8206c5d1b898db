import type { Storage } from '@oneapi/storage';
import type { KeyCipher } from '../../secrets/key-cipher';
import type { ImportReport } from './import-report';

/**
 * Where an import writes, and what it learns on the way: for each source id, the id of the
 * row it became or matched here. A dry run reads the target the same way and writes
 * nothing; the rows it would create get negative ids, which are never stored.
 */
export interface ImportTarget {
  readonly storage: Storage;
  readonly cipher: KeyCipher;
  readonly dryRun: boolean;
  readonly report: ImportReport;
  readonly ids: {
    readonly users: Map<number, number>;
    readonly channels: Map<number, number>;
    readonly tokens: Map<number, number>;
  };
  /** An id for a row a dry run would create. */
  planId(): number;
}

export function createImportTarget(
  storage: Storage,
  cipher: KeyCipher,
  report: ImportReport,
): ImportTarget {
  let planned = 0;
  return {
    storage,
    cipher,
    dryRun: report.dryRun,
    report,
    ids: { users: new Map(), channels: new Map(), tokens: new Map() },
    planId: () => --planned,
  };
}

/** Our id for a source id, when the row exists here (not merely planned). */
export function resolveId(
  ids: ReadonlyMap<number, number>,
  sourceId: number | null,
): number | null {
  const id = sourceId === null ? undefined : ids.get(sourceId);
  return id !== undefined && id > 0 ? id : null;
}
