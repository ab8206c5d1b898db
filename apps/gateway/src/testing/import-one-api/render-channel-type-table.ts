import { type ChannelTypeMapping, listChannelTypes } from '../../cli/import-one-api/channel-types';

const cell = (mapping: ChannelTypeMapping | undefined) => {
  if (!mapping) return '';
  const target = mapping.provider ? `\`${mapping.provider}\`` : '**not imported**';
  return `${mapping.name} -> ${target}`;
};

/**
 * The type table of docs/migrating-from-one-api.md, generated from the data the importer
 * uses so the two cannot drift (`UPDATE_DOCS=1` in its test rewrites it).
 */
export function renderChannelTypeTable(): string {
  const oneApi = new Map(listChannelTypes('one-api'));
  const newApi = new Map(listChannelTypes('new-api'));
  const ids = [...new Set([...oneApi.keys(), ...newApi.keys()])].sort((a, b) => a - b);
  return [
    '| type id | One API | new-api |',
    '| --- | --- | --- |',
    ...ids.map((id) => `| ${id} | ${cell(oneApi.get(id))} | ${cell(newApi.get(id))} |`),
  ].join('\n');
}
