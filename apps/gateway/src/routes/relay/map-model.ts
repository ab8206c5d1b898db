/**
 * The upstream model for an exposed one, by the channel's mapping: an exact entry first,
 * then the longest matching `prefix*` pattern, then `*`; unmapped names go as they are.
 */
export function mapModel(model: string, mapping: Readonly<Record<string, string>> | null): string {
  if (!mapping) return model;
  const exact = mapping[model];
  if (exact) return exact;
  let best: { length: number; target: string } | undefined;
  for (const [pattern, target] of Object.entries(mapping)) {
    if (!pattern.endsWith('*')) continue;
    const prefix = pattern.slice(0, -1);
    if (model.startsWith(prefix) && (!best || prefix.length > best.length))
      best = { length: prefix.length, target };
  }
  return best?.target ?? model;
}
