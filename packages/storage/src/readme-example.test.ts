import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const packageRoot = join(import.meta.dirname, '..');

// The README's example is run as written against the built package, so it cannot rot.
it('runs the README example as written', async () => {
  const readme = readFileSync(join(packageRoot, 'README.md'), 'utf8');
  const example = /```js\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(example).toBeDefined();
  const directory = mkdtempSync(join(tmpdir(), 'oneapi-readme-'));
  // Inside the package folder so that `@oneapi/storage` resolves to this package.
  const script = join(packageRoot, `.readme-example-${process.pid}.mjs`);
  writeFileSync(script, example!);
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [script], { cwd: directory });
    expect(stdout.trim()).toBe('true 498000');
  } finally {
    rmSync(script, { force: true });
    rmSync(directory, { recursive: true, force: true });
  }
});
