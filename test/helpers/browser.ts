/**
 * Browser tests drive the real built web app in Debian's Chromium through playwright-core
 * (STYLE.md, "Browser tests"). Locally a missing Chromium skips them with a notice; with CI=true
 * it fails the run, so CI cannot pass without having run them.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const WEB_CONFIG = join(repoRoot, 'web/vite.config.ts');
/** Where browser tests find (or build) the web app; a separate directory lets parallel work trees' builds not collide. */
export const WEB_DIST = process.env.CHENGXIN_TEST_WEB_DIST ?? join(repoRoot, 'web/dist');
export const TEST_RESULTS = join(repoRoot, 'test-results');

let noticePrinted = false;

/** Whether Chromium is installed; with `describe.skipIf(!browserAvailable() && process.env.CI !== 'true')`. */
export function browserAvailable(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/** Browser suites skip only off CI; on CI a missing Chromium must fail, which `launchBrowser` does. */
export function skipBrowserTests(): boolean {
  const skip = !browserAvailable() && process.env.CI !== 'true';
  if (skip) printSkipNotice();
  return skip;
}

function printSkipNotice(): void {
  if (!noticePrinted) process.stderr.write(`[browser tests skipped: ${CHROMIUM_PATH} not found — apt-get install chromium]\n`);
  noticePrinted = true;
}

/**
 * Starts headless Chromium, or returns null (after one notice line) when it is not installed
 * outside CI. Each launch gets a fresh, empty profile: playwright-core creates a temporary
 * `--user-data-dir` itself (and deletes it on close); it refuses one passed in `args`.
 */
export async function launchBrowser(): Promise<Browser | null> {
  if (!browserAvailable()) {
    if (process.env.CI === 'true') throw new Error(`Chromium is required in CI: ${CHROMIUM_PATH} not found (apt-get install chromium)`);
    printSkipNotice();
    return null;
  }
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      // Without these Chromium keeps trying to reach Google's hosts, which this network refuses.
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Builds the web app with Vite unless `web/dist/index.html` is already there, and returns the
 * dist path. Delete web/dist (or run the build) to test changed web code.
 */
export async function ensureWebBuilt(): Promise<string> {
  if (existsSync(join(WEB_DIST, 'index.html'))) return WEB_DIST;
  // Build beside dist and move it into place, so test files building at once never see half a build.
  const staging = join(repoRoot, 'web', `.dist-build-${process.pid}`);
  try {
    const { build } = await import('vite');
    await build({ configFile: WEB_CONFIG, logLevel: 'warn', build: { outDir: staging, emptyOutDir: true } });
    if (!existsSync(join(WEB_DIST, 'index.html'))) {
      rmSync(WEB_DIST, { recursive: true, force: true });
      renameSync(staging, WEB_DIST);
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return WEB_DIST;
}

/** Runs `fn` with a new page; if it throws, saves `test-results/<name>.png` and rethrows. */
export async function withPage<T>(browser: Browser, name: string, fn: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  try {
    return await fn(page);
  } catch (error) {
    await saveScreenshot(page, name).catch(() => undefined);
    throw error;
  } finally {
    await context.close();
  }
}

/** Saves a full-page screenshot to `test-results/<name>.png` and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(TEST_RESULTS, { recursive: true });
  const path = join(TEST_RESULTS, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Fills and submits the sign-in form on the page that shows it. */
export async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** Opens `path` on `baseUrl` already signed in with a session cookie (`cx_session=…`, e.g. from `loginWithTwoFactor`). */
export async function openAs(page: Page, baseUrl: string, cookie: string, path: string): Promise<void> {
  const [name, value] = cookie.split('=') as [string, string];
  await page.context().addCookies([{ name, value, url: baseUrl }]);
  await page.goto(`${baseUrl}${path}`);
}
