import { AdapterError } from '../../spec/adapter-error';

/** Prelude (total length, headers length, prelude CRC) plus the trailing message CRC. */
const FRAME_OVERHEAD = 16;
// AWS caps one event-stream message at 16 MiB; anything larger is a corrupt length prefix,
// and must not make us buffer without bound while waiting for bytes that never come.
const MAX_FRAME_BYTES = 16 * 1024 * 1024 + FRAME_OVERHEAD;

export interface FrameSplitter {
  /** Adds bytes as they arrived and returns the frames now complete, in order. */
  push(bytes: Uint8Array): Uint8Array[];
  /** Bytes of an incomplete frame still waiting. */
  readonly pendingBytes: number;
}

/**
 * Cuts an event-stream body into whole frames using each frame's 4-byte big-endian total
 * length. Only the cutting is done here: EventStreamCodec checks CRCs and parses headers,
 * but it needs exactly one whole frame per call, whatever the network split.
 */
export function createFrameSplitter(): FrameSplitter {
  let pending: Uint8Array = new Uint8Array(0);
  return {
    push(bytes) {
      pending = concat(pending, bytes);
      const frames: Uint8Array[] = [];
      while (pending.byteLength >= 4) {
        const length = new DataView(pending.buffer, pending.byteOffset, 4).getUint32(0, false);
        if (length < FRAME_OVERHEAD || length > MAX_FRAME_BYTES) {
          throw new AdapterError(
            'upstream_bad_response',
            `Malformed Bedrock event stream: a frame declares ${length} bytes`,
          );
        }
        if (pending.byteLength < length) break;
        frames.push(pending.slice(0, length));
        pending = pending.subarray(length);
      }
      return frames;
    },
    get pendingBytes() {
      return pending.byteLength;
    },
  };
}

function concat(head: Uint8Array, tail: Uint8Array): Uint8Array {
  if (head.byteLength === 0) return tail;
  const joined = new Uint8Array(head.byteLength + tail.byteLength);
  joined.set(head, 0);
  joined.set(tail, head.byteLength);
  return joined;
}
