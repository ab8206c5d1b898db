/**
 * The ways an OpenAI-compatible vendor departs from OpenAI, as data. A preset names its
 * quirks; the request builder applies them; nothing branches on a vendor's name.
 */
export interface OpenAICompatibleQuirks {
  /** Request fields the vendor rejects; removed before sending. */
  readonly unsupportedParams?: readonly string[];
  /** Request fields the vendor names differently, e.g. Mistral's `seed` -> `random_seed`. */
  readonly renamedParams?: Readonly<Record<string, string>>;
  /** The vendor only knows `max_tokens`: `max_completion_tokens` is sent under that name. */
  readonly maxTokensOnly?: boolean;
  /**
   * How stream usage is obtained: `request` injects `stream_options.include_usage` (the
   * extra usage chunk is hidden from callers who did not ask); `always` means the vendor
   * reports usage unasked and rejects `stream_options`.
   */
  readonly streamUsage?: 'request' | 'always';
  /** Tool-call ids the vendor accepts back in history; Mistral wants 9 letters and digits. */
  readonly toolCallIdFormat?: 'any' | 'alphanumeric-9';
  /** How the key is sent. Default `bearer`. */
  readonly auth?: 'bearer' | 'api-key-header' | 'none';
  /** Headers every request carries (e.g. OpenRouter's attribution headers). */
  readonly extraHeaders?: Readonly<Record<string, string>>;
  /**
   * The vendor's reasoning models, by name. They refuse `max_tokens` (it is sent as
   * `max_completion_tokens`, which counts the reasoning too); every other model refuses
   * `reasoning_effort`, which is removed. Unset: both are sent as the caller wrote them.
   */
  readonly reasoningModels?: RegExp;
  /**
   * The vendor's `usage.completion_tokens` leaves out `completion_tokens_details.reasoning_tokens`
   * (xAI: prompt + completion + reasoning = total_tokens), where OpenAI's includes them. The
   * reasoning is added to the completion tokens, streamed and buffered, so it is billed as output.
   */
  readonly reasoningTokensApart?: boolean;
  /** Path appended to the base URL. Default `/chat/completions`. */
  readonly chatPath?: string;
}
