// `prepack`: copies the built dashboard (apps/admin/dist) into this package's dashboard/, so
// the npm package serves it (config.ts looks there first). `postpack` runs it with --remove,
// so a checkout goes back to serving apps/admin/dist and never a stale copy.
// Not part of `build`: the admin app depends on this package, so turbo builds it afterwards.
import { cpSync, existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = fileURLToPath(new URL('../../admin/dist', import.meta.url));
const target = fileURLToPath(new URL('../dashboard', import.meta.url));

rmSync(target, { recursive: true, force: true });
if (!process.argv.includes('--remove')) {
  if (!existsSync(`${source}/index.html`)) {
    console.error(
      `copy-dashboard: ${source}/index.html is missing; build it first: pnpm exec turbo run build --filter=@oneapi/admin`,
    );
    process.exit(1);
  }
  cpSync(source, target, { recursive: true });
}
