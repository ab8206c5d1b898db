import { execFile } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const packageRoot = join(import.meta.dirname, '..');

// The README's embedding example runs as written against the built package, so it cannot rot.
it('runs the README example as written', async () => {
  const readme = readFileSync(join(packageRoot, 'README.md'), 'utf8');
  const example = /```js\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(example).toBeDefined();
  const script = join(packageRoot, `.readme-example-${process.pid}.mjs`);
  writeFileSync(script, example as string);
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [script], { timeout: 20_000 });
    expect(stdout.trim()).toBe('200 Hello! via channel 1');
  } finally {
    rmSync(script, { force: true });
  }
});
