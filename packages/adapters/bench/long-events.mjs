// Cost per MB of framing one huge stream event (an SSE `data:` line, an NDJSON line) that
// arrives in 16 KB reads, at 1, 2 and 5 MB: flat columns mean the reader never rescans what
// it already holds. Run: pnpm --filter @oneapi/adapters bench
import { readStreamMessages } from '../dist/index.js';

const MB = 1024 * 1024;
const READ_BYTES = 16 * 1024;
const ROUNDS = 5;

function reads(text) {
  const bytes = new TextEncoder().encode(text);
  const pieces = [];
  for (let i = 0; i < bytes.length; i += READ_BYTES) pieces.push(bytes.subarray(i, i + READ_BYTES));
  return pieces;
}

async function readAll(pieces, framing) {
  let length = 0;
  for await (const message of readStreamMessages(pieces, framing)) length += message.data.length;
  return length;
}

const results = [];
for (const framing of ['sse', 'ndjson']) {
  for (const sizeMb of [1, 2, 5]) {
    const line = `{"text":"${'x'.repeat(sizeMb * MB)}"}`;
    const pieces = reads(framing === 'sse' ? `data: ${line}\n\n` : `${line}\n`);
    await readAll(pieces, framing); // warm-up
    const samples = [];
    for (let round = 0; round < ROUNDS; round++) {
      const started = performance.now();
      if ((await readAll(pieces, framing)) !== line.length) throw new Error('event lost');
      samples.push(performance.now() - started);
    }
    samples.sort((a, b) => a - b);
    results.push({
      scenario: `${framing}-one-${sizeMb}mb-event`,
      msPerMb: Number((samples[Math.floor(ROUNDS / 2)] / sizeMb).toFixed(2)),
    });
  }
}

console.log(
  `node ${process.version}, one event in ${READ_BYTES / 1024} KB reads, median of ${ROUNDS}\n`,
);
console.log('| scenario | ms/MB |');
console.log('| --- | ---: |');
for (const r of results) console.log(`| ${r.scenario} | ${r.msPerMb} |`);
console.log('');
for (const r of results) console.log(JSON.stringify(r));
