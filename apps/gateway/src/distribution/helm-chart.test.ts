import { readdirSync, readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { environmentSchema, loadConfig } from '../config';

/**
 * deploy/helm/oneapi, checked without helm (not installable in CI): values against the
 * schema Helm itself applies, template references against values.yaml and the documented
 * variables, and the template syntax's block structure. Nothing here renders a template.
 */

const root = new URL('../../../../', import.meta.url);
const chart = new URL('deploy/helm/oneapi/', root);
const read = (url: URL) => readFileSync(url, 'utf8');

type Values = Record<string, unknown>;
const defaults = parse(read(new URL('values.yaml', chart))) as Values;
const schema = JSON.parse(read(new URL('values.schema.json', chart))) as object;
const templates = Object.fromEntries(
  readdirSync(new URL('templates/', chart)).map((name) => [
    name,
    read(new URL(`templates/${name}`, chart)),
  ]),
);
const deployment = templates['deployment.yaml'] ?? '';

// Helm validates with a draft-07 validator; Ajv's default class is draft-07.
const validate = new Ajv({ allErrors: true, strictTypes: false }).compile(schema);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Helm's merge of -f values over the defaults: maps merge, everything else replaces. */
function withValues(base: Values, override: Values): Values {
  const merged: Values = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = merged[key];
    merged[key] = isRecord(current) && isRecord(value) ? withValues(current, value) : value;
  }
  return merged;
}

const externalDatabase = {
  sqlDsn: 'mysql://oneapi:secret@mariadb:3306/oneapi',
  redisConnString: 'redis://redis:6379',
  keyEncryptionKey: 'a'.repeat(64),
};

describe('values.schema.json', () => {
  it('accepts the default values and the documented multi-replica setups', () => {
    const accepted: Values[] = [
      {},
      { replicaCount: 3, secret: externalDatabase },
      { replicaCount: 2, secret: { ...externalDatabase, sqlDsn: 'postgres://u:p@pg:5432/db' } },
      { replicaCount: 2, secret: { ...externalDatabase, sqlDsn: 'u:p@tcp(db:3306)/oneapi' } },
      { replicaCount: 2, secret: { existingSecret: 'oneapi-secrets' } },
      { secret: { initialRootToken: `sk-${'x'.repeat(20)}` }, env: { RETRY_TIMES: '3' } },
    ];
    for (const override of accepted) {
      expect(validate(withValues(defaults, override)), JSON.stringify(override)).toBe(true);
    }
  });

  it('refuses several replicas on SQLite or without Redis, and other bad values', () => {
    const refused: Values[] = [
      { replicaCount: 2 },
      { replicaCount: 2, secret: { ...externalDatabase, sqlDsn: 'sqlite:/data/oneapi.db' } },
      { replicaCount: 2, secret: { ...externalDatabase, redisConnString: '' } },
      { secret: { sqlDsn: externalDatabase.sqlDsn } }, // SQL_DSN without KEY_ENCRYPTION_KEY
      { secret: { keyEncryptionKey: 'too-short' } },
      { secret: { initialRootToken: 'hunter2' } },
      { secret: { redisConnString: 'redis:6379' } },
      { replicaCount: 1.5 },
      { logLevel: 'verbose' },
      { port: 70_000 },
      { shutdownTimeout: 0 },
      { env: { PORT: '8080' } }, // set by the chart from .Values.port
      { env: { retry_times: '3' } },
      { env: { RETRY_TIMES: 3 } },
      { replicas: 2 }, // a typo of replicaCount
      { service: { type: 'ExternalName', port: 80 } },
    ];
    for (const override of refused) {
      expect(validate(withValues(defaults, override)), JSON.stringify(override)).toBe(false);
    }
  });
});

/** Every `{{ ... }}` action of a template, without its delimiters and trim markers. */
function actionsOf(text: string): string[] {
  return [...text.matchAll(/\{\{-?\s*([\s\S]*?)\s*-?\}\}/g)].map((match) => match[1] ?? '');
}

/** The variable names a template sets: env entries, the listed secret keys, Secret data. */
function variableNamesOf(text: string): string[] {
  const names = [...text.matchAll(/- name: ([A-Z][A-Z0-9_]*)\s*$/gm)].map((m) => m[1]);
  for (const action of actionsOf(text)) {
    if (action.startsWith('range list ')) {
      names.push(...[...action.matchAll(/"([A-Z][A-Z0-9_]*)"/g)].map((m) => m[1]));
    }
  }
  names.push(...[...text.matchAll(/^ {2}([A-Z][A-Z0-9_]*): \{\{/gm)].map((m) => m[1]));
  return names.filter((name): name is string => name !== undefined);
}

/** The first table of docs/configuration.md: the variables the gateway reads. */
function documentedVariables(): Set<string> {
  const doc = read(new URL('docs/configuration.md', root));
  const table = doc.slice(0, doc.indexOf('\n## '));
  const firstCells = [...table.matchAll(/^\| ([^|]+) \|/gm)].map((m) => m[1] ?? '');
  return new Set(
    firstCells.flatMap((cell) => [...cell.matchAll(/`([A-Z0-9_]+)`/g)].map((m) => m[1] ?? '')),
  );
}

describe('the templates', () => {
  it('set only documented variables that the gateway reads', () => {
    const documented = documentedVariables();
    expect(documented.has('SQL_DSN')).toBe(true);
    const names = Object.values(templates).flatMap(variableNamesOf);
    for (const name of [
      'PORT',
      'LOG_LEVEL',
      'SQL_DSN',
      'REDIS_CONN_STRING',
      'KEY_ENCRYPTION_KEY',
    ]) {
      expect(names).toContain(name);
    }
    for (const name of names) {
      expect(documented, name).toContain(name);
      expect(Object.keys(environmentSchema.shape), name).toContain(name);
    }
    // The schema keeps env from setting these a second time: exactly the chart's own.
    const envSchema = (schema as { properties: { env: { propertyNames: { not: { enum: [] } } } } })
      .properties.env.propertyNames.not.enum;
    expect(new Set(envSchema)).toEqual(new Set(variableNamesOf(deployment)));
  });

  it('reference only paths that values.yaml has, and use every top-level value', () => {
    const used = new Set<string>();
    for (const [name, text] of Object.entries(templates)) {
      for (const match of text.matchAll(/\$?\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)/g)) {
        const path = (match[1] ?? '').slice(1).split('.');
        used.add(path[0] ?? '');
        let node: unknown = defaults;
        for (const key of path) {
          expect(isRecord(node) && key in node, `${name}: .Values.${path.join('.')}`).toBe(true);
          node = (node as Values)[key];
        }
      }
    }
    expect([...used].sort()).toEqual(Object.keys(defaults).sort());
  });

  it('close every block they open and include only defined templates', () => {
    const defined = new Set<string>();
    for (const [name, text] of Object.entries(templates)) {
      const open: string[] = [];
      for (const action of actionsOf(text)) {
        if (action.startsWith('/*')) continue;
        const keyword = /^(if|range|with|define|block|else|end)\b/.exec(action)?.[1];
        if (keyword === 'end') {
          expect(open.pop(), `${name}: {{ end }} without a block`).toBeDefined();
        } else if (keyword === 'else') {
          expect(open.length, `${name}: {{ else }} outside a block`).toBeGreaterThan(0);
        } else if (keyword) {
          open.push(keyword);
          const defines = /^define "([^"]+)"/.exec(action)?.[1];
          if (defines) defined.add(defines);
        }
      }
      expect(open, `${name}: blocks left open`).toEqual([]);
    }
    const included = Object.values(templates).flatMap((text) =>
      [...text.matchAll(/include "([^"]+)"/g)].map((m) => m[1]),
    );
    expect(included.length).toBeGreaterThan(0);
    for (const name of included) expect(defined).toContain(name);
  });

  it('probe /healthz and /readyz on the port PORT sets, as the gateway serves them', () => {
    const app = read(new URL('apps/gateway/src/create-app.ts', root));
    expect(app).toContain("app.get('/healthz'");
    expect(app).toContain("app.get('/readyz'");
    expect(deployment).toMatch(/livenessProbe:\s+httpGet:\s+path: \/healthz\s+port: http\b/);
    expect(deployment).toMatch(/readinessProbe:\s+httpGet:\s+path: \/readyz\s+port: http\b/);
    expect(deployment).toMatch(/- name: http\s+containerPort: \{\{ \.Values\.port \}\}/);
    expect(deployment).toMatch(/- name: PORT\s+value: \{\{ \.Values\.port \| quote \}\}/);
    expect(templates['service.yaml']).toMatch(/targetPort: http\b/);
    expect(defaults.port).toBe(loadConfig({}).port);
  });

  it('give SIGTERM more time than SHUTDOWN_TIMEOUT and the preStop pause', () => {
    expect(deployment).toContain(
      'terminationGracePeriodSeconds: {{ add .Values.shutdownTimeout 10 }}',
    );
    expect(deployment).toMatch(/- name: SHUTDOWN_TIMEOUT\s+value: \{\{ \.Values\.shutdownTimeout/);
    const pause = Number(/command: \["sleep", "(\d+)"\]/.exec(deployment)?.[1]);
    expect(defaults.shutdownTimeout).toBe(loadConfig({}).shutdownTimeoutMs / 1000);
    expect(pause + Number(defaults.shutdownTimeout)).toBeLessThan(
      Number(defaults.shutdownTimeout) + 10,
    );
  });

  it('run as the image’s user and guard the optional objects', () => {
    expect(read(new URL('Dockerfile', root))).toMatch(/^USER node$/m);
    // node:20-bookworm-slim's node user; docs/deployment.md states the same uid.
    expect(read(new URL('docs/deployment.md', root))).toContain('`node` user (uid 1000)');
    expect(deployment).toMatch(/runAsNonRoot: true\s+runAsUser: 1000\s+runAsGroup: 1000/);
    const guards: Record<string, string> = {
      'secret.yaml': '{{- if not .Values.secret.existingSecret }}',
      'ingress.yaml': '{{- if .Values.ingress.enabled }}',
      'pdb.yaml': '{{- if gt (int .Values.replicaCount) 1 }}',
      'pvc.yaml': '{{- if include "oneapi.sqliteClaim" . }}',
    };
    for (const [name, guard] of Object.entries(guards)) {
      expect(templates[name]?.startsWith(`${guard}\n`), name).toBe(true);
    }
    expect(defaults).toMatchObject({ replicaCount: 1, ingress: { enabled: false } });
  });

  it('is versioned as the gateway', () => {
    const gateway = JSON.parse(read(new URL('apps/gateway/package.json', root))) as Values;
    const meta = parse(read(new URL('Chart.yaml', chart))) as Values;
    expect(meta).toMatchObject({ apiVersion: 'v2', name: 'oneapi', appVersion: gateway.version });
  });
});
