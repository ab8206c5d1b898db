import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import type { AppEnv } from './app-env';

/**
 * A strict policy for the dashboard: only its own scripts, styles and API; no inline
 * script, no framing. Model output and admin-entered names are rendered as text by React,
 * and this is the second line of defence if that ever slips.
 */
export const DASHBOARD_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Serves the built dashboard (apps/admin/dist) at `/`: its files, and index.html for any
 * other page path so client-side routes survive a reload. Nothing under /api or /v1.
 */
export function mountDashboard(app: Hono<AppEnv>, directory: string): boolean {
  const indexFile = join(directory, 'index.html');
  if (!existsSync(indexFile)) return false;
  const indexHtml = readFileSync(indexFile, 'utf8');
  app.use('*', async (c, next) => {
    await next();
    if (!c.req.path.startsWith('/api/') && !c.req.path.startsWith('/v1/')) {
      c.header('content-security-policy', DASHBOARD_CSP);
      c.header('x-content-type-options', 'nosniff');
      c.header('referrer-policy', 'no-referrer');
    }
  });
  app.use('/assets/*', serveStatic({ root: directory }));
  app.get('*', async (c, next) => {
    if (c.req.path.startsWith('/api/') || c.req.path.startsWith('/v1/')) return next();
    if (/\.[a-z0-9]+$/i.test(c.req.path)) return serveStatic({ root: directory })(c, next);
    return c.html(indexHtml);
  });
  return true;
}
