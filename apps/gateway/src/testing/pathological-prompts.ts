/**
 * Prompts that are legal (under the body limit, valid JSON within MAX_JSON_DEPTH) but
 * pathological for anything super-linear on the request path: the tokenizer's BPE on long
 * runs without a space, regexes over the body, JSON scans. Shared by the event-loop test
 * (src/reliability/pathological-prompts.test.ts) and the per-MB benchmark
 * (bench/prompt-cost.mjs). Deterministic: a seeded generator, so runs compare.
 */
import { MAX_JSON_OBJECTS } from '../limits/json-breadth';

export type PathologicalText =
  | 'repeated-letter'
  | 'cjk'
  | 'emoji'
  | 'random-printable'
  | 'megabyte-words';

export const PATHOLOGICAL_TEXTS: readonly PathologicalText[] = [
  'repeated-letter',
  'cjk',
  'emoji',
  'random-printable',
  'megabyte-words',
];

/** A text of about `bytes` bytes of UTF-8 (never less) of the given kind. */
export function pathologicalText(kind: PathologicalText, bytes: number): string {
  const next = seededRandom(15);
  switch (kind) {
    case 'repeated-letter':
      return 'a'.repeat(bytes);
    case 'cjk':
      // CJK Unified Ideographs, 3 bytes each: one word to the tokenizer, no space anywhere.
      return fill(Math.ceil(bytes / 3), () => String.fromCharCode(0x4e00 + (next() % 20_000)));
    case 'emoji':
      // Astral-plane pictographs, 4 bytes and a surrogate pair each.
      return fill(Math.ceil(bytes / 4), () => String.fromCodePoint(0x1f300 + (next() % 0x350)));
    case 'random-printable':
      // Printable ASCII without the space: quotes and backslashes included (JSON escapes them).
      return fill(bytes, () => String.fromCharCode(0x21 + (next() % 94)));
    case 'megabyte-words':
      // Words of a million random letters each, a space between them.
      return fill(bytes, (index) =>
        index % 1_048_576 === 1_048_575 ? ' ' : String.fromCharCode(0x61 + (next() % 26)),
      );
  }
}

/**
 * A conversation as broad as a body may be: as many short turns as the cap on objects takes
 * with the body itself (MAX_JSON_OBJECTS), user and assistant in turn, about `bytes` bytes in
 * all (1.7 MB at the least). What it costs follows its objects, not its bytes: each step that
 * translates a conversation touches every turn.
 */
export function broadestConversation(bytes: number): { role: string; content: string }[] {
  const turns = MAX_JSON_OBJECTS - 1;
  const content = 'a'.repeat(Math.max(1, Math.floor(bytes / turns) - 36));
  return Array.from({ length: turns }, (_, index) => ({
    role: index % 2 === 0 ? 'user' : 'assistant',
    content,
  }));
}

/**
 * A JSON schema of about `bytes` bytes, `levels` properties deep (two JSON levels each)
 * before it fans out into a tree of short strings. As an OpenAI tool's parameters it nests
 * 61 levels with the default 25: legal under MAX_JSON_DEPTH (64), each object far under the
 * 1,000-key cap, and fewer values in all than the 300,000 cap.
 */
export function deeplyNestedSchema(bytes: number, levels = 25): Record<string, unknown> {
  const next = seededRandom(64);
  // Leaves of 24 letters, longer where that many would pass the body's cap on values
  // (MAX_JSON_VALUES, 300,000): a body over it is refused before it is parsed.
  const leafLength = Math.max(24, Math.ceil(bytes / 250_000) - 3);
  const leaf = () => fill(leafLength, () => String.fromCharCode(0x61 + (next() % 26)));
  // A tree of arrays, 16 wide and 4 deep (65,536 leaves, 1.8 MB at 24 letters) per branch.
  const tree = (level: number): unknown =>
    level === 0 ? leaf() : Array.from({ length: 16 }, () => tree(level - 1));
  const branches: unknown[] = [];
  for (let size = 0; size < bytes; size += 65_536 * (leafLength + 3)) branches.push(tree(4));
  let schema: Record<string, unknown> = { type: 'string', enum: ['x'], examples: branches };
  for (let level = 0; level < levels; level++)
    schema = { type: 'object', properties: { [`level${level}`]: schema } };
  return schema;
}

function fill(length: number, character: (index: number) => string): string {
  const parts: string[] = [];
  for (let i = 0; i < length; i++) parts.push(character(i));
  return parts.join('');
}

/** A small linear congruential generator: the same text on every run. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state >>> 8;
  };
}
