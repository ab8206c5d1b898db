/** One server-sent event: its `event:` name and its `data:` lines joined by newlines. */
export interface SseFrame {
  /** `message` when the frame names none. */
  readonly event: string;
  readonly data: string;
}

export interface SseParser {
  /** Feeds decoded text, cut anywhere; returns the frames it completed. */
  push(text: string): SseFrame[];
  /** The stream ended: a last frame without its closing blank line is still returned. */
  end(): SseFrame[];
}

/**
 * A small text/event-stream reader (the WHATWG rules a chat stream needs): lines end in
 * CRLF, LF or CR; a blank line ends a frame; `:` starts a comment (`: keep-alive`); one
 * space after the colon is dropped; `id:` and `retry:` are ignored, as a chat stream is
 * never resumed.
 */
export function createSseParser(): SseParser {
  let buffer = '';
  let event = '';
  let data: string[] = [];

  const dispatch = (out: SseFrame[]) => {
    if (data.length > 0) out.push({ event: event || 'message', data: data.join('\n') });
    event = '';
    data = [];
  };

  const readLine = (line: string, out: SseFrame[]) => {
    if (line === '') return dispatch(out);
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    const raw = colon === -1 ? '' : line.slice(colon + 1);
    const value = raw.startsWith(' ') ? raw.slice(1) : raw;
    if (field === 'data') data.push(value);
    else if (field === 'event') event = value;
  };

  return {
    push(text) {
      const out: SseFrame[] = [];
      buffer += text;
      // A CR at the end may be the first half of a CRLF cut in two: wait for the next chunk.
      const heldCr = buffer.endsWith('\r');
      const lines = (heldCr ? buffer.slice(0, -1) : buffer).split(/\r\n|\r|\n/);
      buffer = (lines.pop() ?? '') + (heldCr ? '\r' : '');
      for (const line of lines) readLine(line, out);
      return out;
    },
    end() {
      const out: SseFrame[] = [];
      for (const line of buffer.split(/\r\n|\r|\n/)) readLine(line, out);
      buffer = '';
      dispatch(out);
      return out;
    },
  };
}
