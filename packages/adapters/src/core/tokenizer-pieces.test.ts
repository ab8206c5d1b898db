import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_PIECE, tokenizerPieces } from './tokenizer-pieces';

describe('tokenizer pieces', () => {
  it('cuts any text into bounded pieces that join back to it, no surrogate pair split', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 5_000 }), (text) => {
        const pieces = [...tokenizerPieces(text)];
        expect(pieces.join('')).toBe(text);
        for (const piece of pieces) {
          expect(piece.length).toBeGreaterThan(0);
          expect(piece.length).toBeLessThanOrEqual(MAX_PIECE);
        }
      }),
    );
    const emoji = [...tokenizerPieces('😀'.repeat(1_000))];
    for (const piece of emoji) expect(piece).toMatch(/^(?:😀)+$/u);
  });

  it('cuts prose before a space, where the tokenizer starts a word anyway', () => {
    const pieces = [...tokenizerPieces('word '.repeat(1_000))];
    for (const piece of pieces.slice(1)) expect(piece.startsWith(' w')).toBe(true);
  });
});
