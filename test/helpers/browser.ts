// Launch headless Chromium through playwright-core with an explicit executable (playwright's
// own browser download is not used). Where Chromium is missing: with CI=true the test fails
// with a message naming the fix; otherwise it is skipped with a loud warning, never silently.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--autoplay-policy=no-user-gesture-required',
];

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', '/Applications/Chromium.app/Contents/MacOS/Chromium'];

/** CHROMIUM_PATH wins; otherwise the first usual install location that exists. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const fromEnv = env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

export const MISSING_CHROMIUM_MESSAGE =
  'Chromium not found (set CHROMIUM_PATH, or install it: `sudo apt-get install chromium` on Debian, `brew install --cask chromium` on macOS).';

/**
 * Call in a mocha `before` hook (with `function () {}` so `this` is the mocha context).
 * Returns the Chromium path, or skips the suite (locally) / throws (CI=true) when it is missing.
 */
export function requireChromium(ctx: Mocha.Context, env: NodeJS.ProcessEnv = process.env): string {
  const executablePath = findChromium(env);
  if (executablePath) return executablePath;
  if (env.CI === 'true') throw new Error(`${MISSING_CHROMIUM_MESSAGE} CI=true: browser tests must run.`);
  console.warn(`\n  ⚠⚠⚠  BROWSER TESTS SKIPPED: ${MISSING_CHROMIUM_MESSAGE}\n`);
  ctx.skip();
  throw new Error('unreachable'); // ctx.skip() throws; this satisfies the type checker
}

export async function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS, headless: true });
}

/** Collect console errors and page errors so a failing assertion can print them. */
export function recordPageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console.${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) => problems.push(`requestfailed: ${req.url()} ${req.failure()?.errorText ?? ''}`));
  return problems;
}
