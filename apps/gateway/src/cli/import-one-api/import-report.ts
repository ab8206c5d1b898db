/** What happened to the rows of one kind: written (or, in a dry run, to be), found, left out. */
export interface Tally {
  added: number;
  existing: number;
  skipped: number;
}

export type Entity = 'users' | 'channels' | 'tokens' | 'redemption codes' | 'logs';

/** Everything an import run counts and notes, printed at the end (or as the dry run's plan). */
export interface ImportReport {
  readonly dryRun: boolean;
  readonly tallies: Record<Entity, Tally>;
  /** `36 SunoAPI` -> how many channels of that type had no counterpart. */
  readonly unmappedTypes: Map<string, number>;
  readonly abilities: { source: number; rebuilt: number };
  readonly prices: { models: Tally; groups: Tally };
  /** Site settings set from the source. */
  readonly settings: string[];
  /** Users imported without a password we can verify: they need a reset. */
  readonly passwordResets: string[];
  /** One line per row left out or changed on the way, and per option not carried over. */
  readonly details: string[];
}

const tally = (): Tally => ({ added: 0, existing: 0, skipped: 0 });

export function createReport(dryRun: boolean): ImportReport {
  return {
    dryRun,
    tallies: {
      users: tally(),
      channels: tally(),
      tokens: tally(),
      'redemption codes': tally(),
      logs: tally(),
    },
    unmappedTypes: new Map(),
    abilities: { source: 0, rebuilt: 0 },
    prices: { models: tally(), groups: tally() },
    settings: [],
    passwordResets: [],
    details: [],
  };
}

const MAX_DETAILS = 200;

/** The report as printed lines. */
export function formatReport(report: ImportReport, withLogs: boolean): string[] {
  const verb = report.dryRun ? 'to import' : 'imported';
  const line = (name: string, { added, existing, skipped }: Tally) =>
    `${name}: ${added} ${verb}, ${existing} already here, ${skipped} skipped`;
  const lines = Object.entries(report.tallies)
    .filter(([entity]) => entity !== 'logs' || withLogs)
    .map(([entity, counts]) => line(entity, counts));
  lines.push(
    `abilities: ${report.abilities.rebuilt} ${report.dryRun ? 'to rebuild' : 'rebuilt'} from the channels' models and groups (${report.abilities.source} in the source)`,
    line('model prices', report.prices.models),
    line('group ratios', report.prices.groups),
    `settings: ${report.settings.length > 0 ? report.settings.join(', ') : 'none'} ${report.dryRun ? 'to set' : 'set'}`,
  );
  if (!withLogs) lines.push('logs: not imported (add --with-logs)');
  if (report.unmappedTypes.size > 0) {
    const types = [...report.unmappedTypes].map(([type, count]) => `${type} (${count})`);
    lines.push(`channel types with no counterpart, not imported: ${types.join(', ')}`);
  }
  if (report.passwordResets.length > 0) {
    lines.push(
      `no usable password, set one for them: ${report.passwordResets.join(', ')} (sign-in with GitHub, WeChat and the like is not carried over)`,
    );
  }
  lines.push(...report.details.slice(0, MAX_DETAILS).map((detail) => `  ${detail}`));
  if (report.details.length > MAX_DETAILS) {
    lines.push(`  ... and ${report.details.length - MAX_DETAILS} more`);
  }
  if (report.dryRun) lines.push('dry run: nothing was written');
  return lines;
}
