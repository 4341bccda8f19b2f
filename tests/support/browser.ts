// A real browser for the console tests: Debian's Chromium driven by playwright-core (Playwright's own
// browser download cannot reach its host here, and is not needed). Each call gets a fresh profile in
// a temporary folder. Pages are watched: any console error or uncaught exception fails the test unless
// the test declared it (an expected 401, say); checkA11y runs axe-core in the page and fails on serious
// or critical violations; screenshots land in .artifacts/console (git-ignored; CI keeps the folder).

import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const chromiumPath = process.env.KETENPOORT_CHROMIUM ?? '/usr/bin/chromium';
export const artifactsDir = path.resolve(import.meta.dirname, '../../.artifacts/console');

/** The flags the project runs Chromium with (as root, in CI containers, without network chatter). */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface Browser {
  readonly context: BrowserContext;
  /** A new tab, watched for console errors. */
  newPage(): Promise<WatchedPage>;
  close(): Promise<void>;
}

export interface WatchedPage {
  readonly page: Page;
  /** Console errors that are part of the scenario (each must then occur at least once). */
  expectConsoleError(pattern: RegExp): void;
  /** Fails when an undeclared console error or page error occurred, or a declared one did not. */
  assertNoUnexpectedErrors(): void;
}

export async function launchChromium(options: { locale?: string; timezoneId?: string } = {}): Promise<Browser> {
  const profile = mkdtempSync(path.join(tmpdir(), 'ketenpoort-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath,
      headless: true,
      args: chromiumArgs,
      locale: options.locale ?? 'nl-NL',
      timezoneId: options.timezoneId ?? 'Europe/Amsterdam',
      viewport: { width: 1280, height: 860 },
      acceptDownloads: true,
    });
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
  // The persistent context opens one blank tab; tests open their own.
  for (const page of context.pages()) await page.close();
  return {
    context,
    async newPage() {
      return watch(await context.newPage());
    },
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

function watch(page: Page): WatchedPage {
  const errors: string[] = [];
  const expected: { pattern: RegExp; seen: boolean }[] = [];
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const location = message.location();
    const text = `${message.text()}${location.url ? ` (${location.url})` : ''}`;
    const match = expected.find((e) => e.pattern.test(text));
    if (match) match.seen = true;
    else errors.push(`console error: ${text}`);
  });
  page.on('pageerror', (error) => {
    errors.push(`uncaught in page: ${error.message}`);
  });
  return {
    page,
    expectConsoleError(pattern) {
      expected.push({ pattern, seen: false });
    },
    assertNoUnexpectedErrors() {
      const missing = expected.filter((e) => !e.seen).map((e) => `expected console error did not occur: ${String(e.pattern)}`);
      const problems = [...errors, ...missing];
      errors.length = 0;
      if (problems.length > 0) throw new Error(`browser console:\n${problems.join('\n')}`);
    },
  };
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/**
 * Runs axe-core in the page (WCAG 2.1 A and AA plus best practices) and fails on serious or critical
 * violations. axe is evaluated through the DevTools protocol, which the page's CSP does not govern, so
 * the test needs no CSP exception that would hide a real violation.
 */
export async function checkA11y(page: Page, name: string): Promise<void> {
  const loaded = await page.evaluate('typeof window.axe === "object"');
  if (loaded !== true) await page.evaluate(axeSource);
  const violations = await page.evaluate<AxeViolation[]>(`window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }).then((r) => r.violations)`);
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (serious.length > 0) {
    const lines = serious.map((v) => `${v.impact}: ${v.id} (${v.help}) at ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
    throw new Error(`accessibility (${name}):\n${lines.join('\n')}`);
  }
}

/** A full-page screenshot, written as a test artifact (.artifacts/console/NAME.png). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(artifactsDir, { recursive: true });
  const file = path.join(artifactsDir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
