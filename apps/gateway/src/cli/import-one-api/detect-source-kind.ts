import type { SourceKind } from './channel-types';

/*
 * Columns and tables new-api added that One API never had (QuantumNous/new-api model/:
 * token.go ModelLimitsEnabled, channel.go AutoBan and ChannelInfo, midjourney.go, task.go,
 * setup.go). Any one of them marks new-api, whose channel type ids differ from One API's.
 */
const NEW_API_COLUMNS: ReadonlyArray<[table: string, column: string]> = [
  ['tokens', 'model_limits_enabled'],
  ['channels', 'auto_ban'],
  ['channels', 'channel_info'],
];
const NEW_API_TABLES = ['midjourneys', 'tasks', 'setups'];

/** Which schema the tables are, and the marker that decided it, for the report. */
export function detectSourceKind(tables: ReadonlyMap<string, ReadonlySet<string>>): {
  kind: SourceKind;
  reason: string;
} {
  for (const [table, column] of NEW_API_COLUMNS) {
    if (tables.get(table)?.has(column)) return { kind: 'new-api', reason: `${table}.${column}` };
  }
  for (const table of NEW_API_TABLES) {
    if (tables.has(table)) return { kind: 'new-api', reason: `table ${table}` };
  }
  return { kind: 'one-api', reason: 'no new-api table or column' };
}
