import { CliError } from './cli-io';

/**
 * Flags an operator may reach for out of habit, declared only to be refused with the way
 * that works: a secret on the command line lands in shell history and in `ps` output.
 */
export function refuseSecretFlags(
  values: Readonly<Record<string, unknown>>,
  insteadOf: Readonly<Record<string, string>>,
): void {
  for (const [flag, instead] of Object.entries(insteadOf)) {
    if (values[flag] !== undefined) {
      throw new CliError(
        'usage',
        `--${flag} is refused: a secret on the command line lands in shell history and ps. Use ${instead}`,
      );
    }
  }
}
