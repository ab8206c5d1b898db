/** Masks a channel's keys in text that came from its upstream. */
export interface SecretScrubber {
  /** `text` with every form of every key replaced by `***`. */
  scrub(text: string): string;
  /** Whether `text` holds any form of any key. */
  holdsSecret(text: string): boolean;
}

const MASK = '***';
/** Shorter parts are left alone: they could be ordinary words, and they do not give a key away. */
const MIN_FORM_LENGTH = 8;
/** A whole key is masked from this length (shorter is a placeholder, or nothing). */
const MIN_KEY_LENGTH = 4;
// A vendor prefix segment, which upstreams may cut when they quote a key: `sk-`, then
// `proj-` or `ant-` and `api03-`. Up to three are cut, one at a time.
const PREFIX_SEGMENT = /^[A-Za-z][A-Za-z0-9]{0,7}-/;
const MAX_PREFIX_SEGMENTS = 3;
/*
 * How upstreams show a key they hide: its first characters, a run of `*`, `.` or `…`, its last
 * ones (OpenAI's 401: "Incorrect API key provided: sk-proj-****...wjh3"). Bounded parts, so a
 * long run of word characters costs a fixed amount per position.
 */
const MASK_RUN = /[*.\u2026\u2022]{3}/;
const MASKED_KEY = /([A-Za-z0-9_-]{3,24})(?:[*.\u2026\u2022]{3,128})([A-Za-z0-9_-]{3,8})/g;

/**
 * The forms a key can reach a client in: as it is, without its vendor prefix (each cut of up
 * to three leading segments, of eight characters or more), and each part
 * of a composite key (Bedrock's `ACCESS_KEY_ID:SECRET:SESSION_TOKEN`), longest first so a
 * longer form is masked whole before a shorter one inside it.
 */
export function secretForms(key: string): string[] {
  const trimmed = key.trim();
  if (trimmed.length < MIN_KEY_LENGTH) return [];
  const parts: string[] = [];
  let rest = trimmed;
  for (let cut = 0; cut < MAX_PREFIX_SEGMENTS && PREFIX_SEGMENT.test(rest); cut++) {
    rest = rest.replace(PREFIX_SEGMENT, '');
    parts.push(rest);
  }
  if (trimmed.includes(':') && !trimmed.startsWith('{')) parts.push(...trimmed.split(':'));
  const forms = new Set([trimmed, ...parts.filter((part) => part.length >= MIN_FORM_LENGTH)]);
  return [...forms].sort((a, b) => b.length - a.length);
}

// One scrubber per keys array: a gateway asks for its channel's on every request, and the
// key forms (cuts, sorting) need working out once per array, not per request.
const scrubbersByKeys = new WeakMap<readonly string[], SecretScrubber>();

/**
 * A scrubber for every key of a channel (not only the one a request used: an upstream may
 * quote another key of the same account). Each call is linear in the text per key. The same
 * array gives the same scrubber, so an array's keys are read once: pass a new array for new
 * keys (a channel's `keys` is replaced, never changed in place).
 */
export function createSecretScrubber(keys: readonly string[]): SecretScrubber {
  let scrubber = scrubbersByKeys.get(keys);
  if (scrubber === undefined) {
    scrubber = scrubberFor(keys);
    scrubbersByKeys.set(keys, scrubber);
  }
  return scrubber;
}

function scrubberFor(keys: readonly string[]): SecretScrubber {
  const forms = [...new Set(keys.flatMap(secretForms))].sort((a, b) => b.length - a.length);
  const whole = keys.map((key) => key.trim()).filter((key) => key.length >= MIN_FORM_LENGTH);
  const isMaskedKey = (head: string, tail: string) =>
    whole.some((key) => key.startsWith(head) && key.endsWith(tail) && key.length > head.length);
  const scrub = (text: string): string => {
    if (forms.length === 0) return text;
    let result = text;
    for (const form of forms) {
      if (result.includes(form)) result = result.split(form).join(MASK);
    }
    // Most text has no run of mask characters at all: skip the slower pattern then.
    if (!MASK_RUN.test(result)) return result;
    return result.replace(MASKED_KEY, (match, head: string, tail: string) =>
      isMaskedKey(head, tail) ? MASK : match,
    );
  };
  return { scrub, holdsSecret: (text) => scrub(text) !== text };
}
