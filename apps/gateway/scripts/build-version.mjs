import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * The version `oneapi version` prints, fixed at build time: package.json's version, plus the
 * commit as semver build metadata (`0.1.0+1a2b3c4`) when built from a git checkout, so that
 * builds between releases (all `0.0.0` before the first) can be told apart. A build without
 * git (the Docker image, whose context leaves .git out) prints the version alone.
 */
export function readBuildVersion(packageDir) {
  const { version } = JSON.parse(readFileSync(new URL('package.json', packageDir), 'utf8'));
  try {
    const commit = execFileSync('git', ['rev-parse', '--short=7', 'HEAD'], {
      cwd: packageDir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    return /^[0-9a-f]{7,}$/.test(commit) ? `${version}+${commit}` : version;
  } catch {
    return version;
  }
}
