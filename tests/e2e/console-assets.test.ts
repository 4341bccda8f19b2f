// The built console as the gateway serves it (src/http/console-assets.ts), opened in headless Chromium:
// security headers, caching of hashed assets, the single-page app's fallback, and the first page a
// visitor can meet without a session edge behind it: "the gateway cannot be reached", in Dutch first
// and in English on request, accessible and without script errors.

import express from 'express';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleDist, ensureConsoleBuilt } from '../../scripts/build-console.ts';
import { createConsoleAssetsRouter } from '../../src/http/console-assets.ts';
import { checkA11y, launchChromium, screenshot, type Browser } from '../support/browser.ts';

let server: Server | undefined;
let base: string;
let browser: Browser | undefined;

beforeAll(async () => {
  await ensureConsoleBuilt();
  const app = express();
  app.use(createConsoleAssetsRouter({ distDir: consoleDist, formActionOrigins: ['http://127.0.0.1:9999'] }));
  app.use((_req, res) => {
    res.status(404).type('application/problem+json').send(JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404, code: 'not-found' }));
  });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  // localhost, not 127.0.0.1: the browser tests of the sign-in flow need the gateway on another site
  // than the OpenID provider (127.0.0.1); this test uses the same host name for the same reason.
  base = `http://localhost:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
});

describe('the console as served by the gateway', () => {
  it('when /console/ is requested, then index.html comes with the strict CSP, no-cache and no inline script', async () => {
    const response = await fetch(`${base}/console/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("form-action 'self' http://127.0.0.1:9999");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await response.text();
    expect(html).toMatch(/<script type="module" crossorigin src="\/console\/assets\/index-[\w-]+\.js"><\/script>/);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });

  it('when a hashed asset is requested, then it is cacheable for a year; a missing one is a 404, not the app', async () => {
    const html = await (await fetch(`${base}/console/`)).text();
    const asset = /src="(\/console\/assets\/[^"]+)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const response = await fetch(`${base}${asset}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    const missing = await fetch(`${base}/console/assets/index-doesnotexist.js`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/problem\+json/);
  });

  it('when a deep link under /console is requested, then the app is served; /console redirects to /console/', async () => {
    const deep = await fetch(`${base}/console/operations/schedules/123`);
    expect(deep.status).toBe(200);
    expect(await deep.text()).toContain('<div id="root"></div>');
    const bare = await fetch(`${base}/console`, { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/console/');
    const auth = await fetch(`${base}/console/auth/session`);
    expect(auth.status).toBe(404);
  });

  it('when the session edge does not answer, then the browser shows a clear page in Dutch, and in English on request', async () => {
    const watched = await browser!.newPage();
    const { page } = watched;
    // The session question gets this server's 404: the page must say so, not go blank.
    watched.expectConsoleError(/404/);
    await page.goto(`${base}/console/privacy/child`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('De gateway is niet bereikbaar');
    expect(await page.getAttribute('html', 'lang')).toBe('nl');
    expect(await page.title()).toBe('De gateway is niet bereikbaar · Ketenpoort');
    await checkA11y(page, 'unreachable-nl');
    await screenshot(page, 'unreachable-nl');

    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('The gateway cannot be reached');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
    await checkA11y(page, 'unreachable-en');
    await screenshot(page, 'unreachable-en');
    watched.assertNoUnexpectedErrors();
    await page.close();
  });
});

describe('the browser harness itself', () => {
  it('when a page has a serious accessibility violation or logs an error, then the checks fail', async () => {
    const watched = await browser!.newPage();
    const { page } = watched;
    await page.goto(`${base}/console/`);
    await page.evaluate(`document.body.innerHTML = '<main><button></button><img src="data:,"></main>'; console.error('something broke');`);
    await expect(checkA11y(page, 'harness-self-test')).rejects.toThrow(/critical: button-name|critical: image-alt/);
    expect(() => watched.assertNoUnexpectedErrors()).toThrow(/something broke/);
    await page.close();
  });
});
