/**
 * Exposed model name -> upstream model name for one channel, compiled once per index build.
 * Precedence: an exact entry; then patterns with a single `*`, the one with the longest literal
 * part first (`gpt-4o*` beats `gpt-4*` beats `*`), declaration order breaking ties; else the
 * name unchanged. A `*` in the target is replaced by the text the pattern's `*` matched.
 */
export interface ModelMapper {
  map(exposed: string): string;
}

interface Pattern {
  readonly prefix: string;
  readonly suffix: string;
  readonly target: string;
}

const IDENTITY: ModelMapper = { map: (exposed) => exposed };

export function compileModelMapping(
  mapping: Readonly<Record<string, string>> | undefined,
): ModelMapper {
  if (!mapping) return IDENTITY;
  const exact = new Map<string, string>();
  const patterns: Pattern[] = [];
  for (const [from, to] of Object.entries(mapping)) {
    if (!to) continue;
    const star = from.indexOf('*');
    if (star === -1) exact.set(from, to);
    else patterns.push({ prefix: from.slice(0, star), suffix: from.slice(star + 1), target: to });
  }
  if (exact.size === 0 && patterns.length === 0) return IDENTITY;
  // Stable sort: equal specificity keeps declaration order.
  patterns.sort((a, b) => b.prefix.length + b.suffix.length - (a.prefix.length + a.suffix.length));
  return {
    map(exposed) {
      const direct = exact.get(exposed);
      if (direct !== undefined) return direct;
      for (const pattern of patterns) {
        const matched = matchPattern(pattern, exposed);
        if (matched !== undefined) return pattern.target.replace('*', matched);
      }
      return exposed;
    },
  };
}

/** The text the `*` stands for, or undefined when `name` does not match. */
function matchPattern(pattern: Pattern, name: string): string | undefined {
  if (name.length < pattern.prefix.length + pattern.suffix.length) return undefined;
  if (!name.startsWith(pattern.prefix) || !name.endsWith(pattern.suffix)) return undefined;
  return name.slice(pattern.prefix.length, name.length - pattern.suffix.length);
}
