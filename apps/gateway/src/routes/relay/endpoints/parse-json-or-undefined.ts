/** An upstream answer or event as JSON, or undefined when it is not JSON (billed on estimates). */
export function parseJsonOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
