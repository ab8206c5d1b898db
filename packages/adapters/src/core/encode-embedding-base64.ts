/**
 * OpenAI's `encoding_format: "base64"`: the vector as little-endian float32 bytes.
 * Written with a DataView so the byte order does not depend on the host.
 */
export function encodeEmbeddingBase64(values: readonly number[]): string {
  const view = new DataView(new ArrayBuffer(values.length * 4));
  for (const [index, value] of values.entries()) view.setFloat32(index * 4, value, true);
  return Buffer.from(view.buffer).toString('base64');
}
