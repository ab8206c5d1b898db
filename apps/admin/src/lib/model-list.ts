import { splitList } from './validation';

/** The models field with `model` added or removed, keeping the others in their order. */
export function toggleModel(field: string, model: string, selected: boolean): string {
  const models = splitList(field).filter((item) => item !== model);
  return (selected ? [...models, model] : models).join(', ');
}

/** The models field with every one of `models` it lacks appended. */
export function addModels(field: string, models: readonly string[]): string {
  return [...new Set([...splitList(field), ...models])].join(', ');
}

/** The names containing `query`, ignoring case; all of them for an empty query. */
export function filterNames(names: readonly string[], query: string): string[] {
  const needle = query.trim().toLowerCase();
  return needle === '' ? [...names] : names.filter((name) => name.toLowerCase().includes(needle));
}
