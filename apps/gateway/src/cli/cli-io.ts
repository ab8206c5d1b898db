/**
 * What a command may touch of the process, passed in so tests run commands in-process
 * with their own environment, input and output.
 */
export interface CliIo {
  readonly env: NodeJS.ProcessEnv;
  /** One line to standard output. */
  print(line: string): void;
  /** One line to standard error. */
  printError(line: string): void;
  /** All of standard input, for secrets that must not appear on the command line. */
  readStdin(): Promise<string>;
}

/** Exit status 1: the command ran and failed. 2: it was called wrongly. */
export class CliError extends Error {
  override readonly name = 'CliError';
  constructor(
    readonly code: 'failed' | 'usage',
    message: string,
  ) {
    super(message);
  }
}

export const exitCodeOf = (code: CliError['code']): number => (code === 'usage' ? 2 : 1);

export function createProcessIo(): CliIo {
  return {
    env: process.env,
    print: (line) => console.log(line),
    printError: (line) => console.error(line),
    async readStdin() {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}
