// Serves the built staff console (console/dist) at /console on the gateway's own port, with the
// security headers every console response carries. Hashed assets (/console/assets/NAME-HASH.js) are
// cached for a year; index.html, which names them, is revalidated on every load, so a new build is
// picked up at once. Every other path under /console is the single-page app's (its router decides),
// except /console/auth, which belongs to the sign-in edge.

import express, { type Response, type Router } from 'express';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export interface ConsoleAssetsOptions {
  /** The built console (console/dist). */
  readonly distDir: string;
  /** Origins a form may post to besides the gateway itself: the OpenID provider (logout, sign-in). */
  readonly formActionOrigins?: readonly string[];
}

/**
 * The Content-Security-Policy of every console response: scripts, styles and data from this origin
 * only, no inline code, no framing, no plugins.
 */
export function consoleContentSecurityPolicy(formActionOrigins: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    `form-action 'self'${formActionOrigins.map((o) => ` ${o}`).join('')}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
}

export function setConsoleSecurityHeaders(res: Response, csp: string): void {
  res.setHeader('Content-Security-Policy', csp);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=()');
}

const notBuilt = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Ketenpoort console</title></head>
<body><h1>De console is nog niet gebouwd</h1><p>Start de gateway met <code>npm start</code>: dat bouwt de console eerst.
(The console has not been built yet: start the gateway with <code>npm start</code>, which builds it first.)</p></body></html>`;

export function createConsoleAssetsRouter(options: ConsoleAssetsOptions): Router {
  // Strict: /console (redirected) and /console/ (the app) are different paths.
  const router = express.Router({ strict: true });
  const csp = consoleContentSecurityPolicy(options.formActionOrigins);
  const indexFile = path.join(options.distDir, 'index.html');

  router.use('/console', (_req, res, next) => {
    setConsoleSecurityHeaders(res, csp);
    next();
  });
  router.use(
    '/console/assets',
    express.static(path.join(options.distDir, 'assets'), {
      index: false,
      redirect: false,
      fallthrough: true,
      immutable: true,
      maxAge: '365d',
    }),
  );
  // A missing asset falls through to the app's 404 (never the app's HTML: a stale page must not get
  // HTML for a script).

  router.get('/console', (_req, res) => {
    res.redirect(301, '/console/');
  });
  router.get(/^\/console\/(?!assets\/|auth\/|auth$).*/, async (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    let html: string;
    try {
      html = await readFile(indexFile, 'utf8');
    } catch {
      res.status(503).type('html').send(notBuilt);
      return;
    }
    res.type('html').send(html);
  });
  return router;
}
