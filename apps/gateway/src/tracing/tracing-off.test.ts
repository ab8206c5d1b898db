import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonRequest } from '../testing/create-test-gateway';
import {
  MAIN_MISSING,
  ROOT_API_KEY,
  startGatewayProcess,
} from '../testing/reliability/gateway-process';
import { startOtlpReceiver } from '../testing/tracing/otlp-receiver';

// A module hook that names on stderr every OpenTelemetry module the process resolves.
const HOOKS = `export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (resolved.url.includes('@opentelemetry')) process.stderr.write('resolved ' + resolved.url + '\\n');
  return resolved;
}`;
const REGISTER = `import { register } from 'node:module';
register(new URL('./hooks.mjs', import.meta.url));`;

/** Starts the built gateway with the hook, sends one relay request, and stops it. */
async function modulesResolvedBy(env: NodeJS.ProcessEnv, hookDir: string): Promise<string> {
  const gateway = await startGatewayProcess({
    ...env,
    SQLITE_PATH: join(hookDir, `${Math.random().toString(36).slice(2)}.db`),
    NODE_OPTIONS: `--import=${join(hookDir, 'register.mjs')}`,
  });
  try {
    // Through beginRelay, where a trace would start; no channel serves it, so 404.
    const relayed = await fetch(
      `${gateway.base}/v1/chat/completions`,
      jsonRequest(
        'POST',
        { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] },
        { authorization: `Bearer ${ROOT_API_KEY}` },
      ),
    );
    expect(relayed.status).toBe(404);
    return gateway.output();
  } finally {
    gateway.child.kill('SIGTERM');
    await gateway.exited;
  }
}

describe.skipIf(MAIN_MISSING !== undefined)('tracing off costs nothing', () => {
  let hookDir: string;
  beforeAll(() => {
    hookDir = mkdtempSync(join(tmpdir(), 'oneapi-otel-hook-'));
    writeFileSync(join(hookDir, 'hooks.mjs'), HOOKS);
    writeFileSync(join(hookDir, 'register.mjs'), REGISTER);
  });
  afterAll(() => rmSync(hookDir, { recursive: true, force: true }));

  it('loads no OpenTelemetry module without OTEL_EXPORTER_OTLP_ENDPOINT', async () => {
    const output = await modulesResolvedBy({}, hookDir);
    expect(output).toContain('listening');
    expect(output).not.toContain('@opentelemetry');
  });

  it('loads the SDK when the endpoint is set (the hook sees it)', async () => {
    const receiver = await startOtlpReceiver();
    try {
      const output = await modulesResolvedBy(
        { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.endpoint },
        hookDir,
      );
      expect(output).toContain('@opentelemetry/sdk-trace');
      expect(output).toContain('@opentelemetry/exporter-trace-otlp-http');
    } finally {
      await receiver.close();
    }
  });
});
