// The dashboard tab in a real browser: Debian's Chromium (/usr/bin/chromium, never a downloaded build) driven by
// playwright-core, against the real server on Azurite with a seeded area. The server runs in local mode (no
// MicrosoftAppId), the documented way to open the tab outside Teams: no Teams host, no token, the Playground's user
// (a coordinator here), and the page says so. What a coordinator sees is asserted: the cohorts, uptake and evaluation
// figures, suppression, each chart with its table, the dark theme, the report buttons downloading files, the channel
// tab's configuration page; axe-core finds no serious or critical problem and the controls are reachable by keyboard.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import ExcelJS from 'exceljs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { LOCAL_TAB_USER } from '../../bot/features/dashboard/localUser';
import { EXPECTED, PROGRAMME_AREA, PROGRAMME_COHORT_NAME, seedProgramme } from '../support/programme';
import { startTestApp, type RunningApp } from '../support/testApp';

/** The little of the DOM the functions run in the page use (tests compile without the DOM library). */
interface PageElement { readonly id: string; readonly textContent: string | null; readonly children: ArrayLike<PageElement> }
interface PageCanvas { readonly width: number; readonly height: number; getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { readonly data: ArrayLike<number> } } | null }
interface PageWindow { readonly document: { readonly activeElement: PageElement | null }; getComputedStyle(element: PageElement): { readonly color: string; readonly backgroundColor: string } }

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let app: RunningApp;
let browser: Browser;
let context: BrowserContext;

/** A free port, so the server's PUBLIC_BASE_URL (the address of its download links) is one the browser can open. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  const port = await freePort();
  app = await startTestApp({ COORDINATOR_IDS: LOCAL_TAB_USER.aadObjectId, PUBLIC_BASE_URL: `http://127.0.0.1:${port}` }, { port });
  await seedProgramme(app.app.services, LOCAL_TAB_USER.tenantId, LOCAL_TAB_USER.aadObjectId, new Date());
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1100, height: 900 } });
}, 60_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await app?.stop();
});

async function openDashboard(query = `area=${PROGRAMME_AREA}`): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${app.url}/tab?${query}`);
  await page.waitForSelector('main[aria-busy="false"]');
  return page;
}

/** axe-core's serious and critical violations on the page as it is now, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const { passed, violations } = await page.evaluate(async () => {
    const result = await (globalThis as unknown as { axe: { run: () => Promise<{ passes: unknown[]; violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }> } }).axe.run();
    return { passed: result.passes.length, violations: result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => JSON.stringify(n.target)) })) };
  });
  // The scan really ran its rules over this page (colour contrast, labels, table headers…).
  expect(passed).toBeGreaterThan(10);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.targets.join(', ')}`);
}

describe('the dashboard tab in Chromium', () => {
  it("shows a coordinator their area: cohorts, uptake and the evaluation, each chart with its table, small groups suppressed", async () => {
    const page = await openDashboard();
    await expect(page.locator('#local-mode').isVisible()).resolves.toBe(true);
    await expect(page.locator('#who').textContent()).resolves.toContain('Alex Wilber (coordinator');
    await expect(page.locator('#title').textContent()).resolves.toBe(`Programme dashboard: ${PROGRAMME_AREA}`);

    const cohorts = page.locator('#cohorts');
    await expect(cohorts.locator('tbody th').allTextContents()).resolves.toEqual([PROGRAMME_COHORT_NAME]);
    await expect(cohorts.locator('tbody td').nth(1).textContent()).resolves.toBe('4 of 4');
    await expect(cohorts.textContent()).resolves.toContain('Book workshop 1');

    const uptake = page.locator('#uptake');
    await expect(uptake.locator('p.muted').textContent()).resolves.toContain(EXPECTED.uptake);
    // The chart is drawn, described for screen readers, and followed by a table of the same figures.
    await expect(uptake.locator('canvas[role="img"]').getAttribute('aria-label')).resolves.toContain('The table below holds the same figures');
    const drawn = await uptake.locator('canvas').evaluate((canvas: PageCanvas) => {
      const pixels = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
      return Array.from(pixels).some((value, i) => i % 4 === 3 && value > 0);
    });
    expect(drawn).toBe(true);
    const phases = await uptake.locator('table').first().locator('tbody tr').evaluateAll((rows: PageElement[]) => rows.map((row) => Array.from(row.children).map((cell) => cell.textContent)));
    expect(phases).toEqual(expect.arrayContaining([['primary', '2', '1', '1', '50%'], ['secondary', '1', '1', '0', '100%'], ['special', '1', '0', '0', '0%']]));
    await expect(uptake.locator('table').nth(1).textContent()).resolves.toContain(EXPECTED.schoolNotYet);

    const evaluation = page.locator('#evaluation');
    await expect(evaluation.locator('canvas[role="img"]').count()).resolves.toBe(1);
    const contact = evaluation.locator('tbody tr').first();
    await expect(contact.locator('td').nth(0).textContent()).resolves.toContain(EXPECTED.contactBaseline);
    await expect(contact.locator('td').nth(2).textContent()).resolves.toContain(EXPECTED.contactFollowUp);
    await expect(contact.locator('td').nth(4).textContent()).resolves.toBe(EXPECTED.contactChange);
    // Referral handling was answered at follow-up by 1 person: suppressed, and so is the change.
    const handling = evaluation.locator('tbody tr', { hasText: 'handled' }).first();
    await expect(handling.locator('td').nth(2).textContent()).resolves.toBe('fewer than 3 (n=1)');
    await expect(handling.locator('td').nth(4).textContent()).resolves.toBe('fewer than 3');
    // CASCADE was answered by 2 people: every figure suppressed.
    const cascade = page.locator('#cascade');
    await expect(cascade.locator('p.muted').textContent()).resolves.toContain('2 people in 1 cohorts');
    await expect(cascade.locator('tbody td.suppressed').count()).resolves.toBe(21);
    await expect(page.locator('#five-steps').isVisible()).resolves.toBe(true);

    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('follows the dark theme, and stays free of serious accessibility problems in it', async () => {
    const page = await openDashboard(`area=${PROGRAMME_AREA}&theme=dark`);
    await expect(page.locator('body').getAttribute('data-theme')).resolves.toBe('dark');
    await expect(page.locator('body').evaluate((body: PageElement) => (globalThis as unknown as PageWindow).getComputedStyle(body).backgroundColor)).resolves.toBe('rgb(31, 31, 31)');
    await expect(page.locator('section').first().evaluate((section: PageElement) => (globalThis as unknown as PageWindow).getComputedStyle(section).color)).resolves.toBe('rgb(255, 255, 255)');
    expect(await seriousViolations(page)).toEqual([]);
    await page.close();
  });

  it('reaches the area and both report buttons by keyboard, and the report buttons download a PDF and a workbook', async () => {
    const page = await openDashboard();
    const reached: string[] = [];
    for (let i = 0; i < 6 && reached.length < 3; i++) {
      await page.keyboard.press('Tab');
      const id = await page.evaluate(() => (globalThis as unknown as PageWindow).document.activeElement?.id ?? '');
      if (['area', 'report-pdf', 'report-xlsx'].includes(id)) reached.push(id);
    }
    expect(reached).toEqual(['area', 'report-pdf', 'report-xlsx']);

    // Enter on the focused PDF button makes the report; its link is then the next thing the keyboard reaches.
    await page.focus('#report-pdf');
    await page.keyboard.press('Enter');
    const pdfLink = page.locator('#report-link-pdf');
    await pdfLink.waitFor();
    const [pdf] = await Promise.all([page.waitForEvent('download'), pdfLink.click()]);
    expect(pdf.suggestedFilename()).toMatch(/^evaluation-report-salford-\d{4}-\d{2}-\d{2}\.pdf$/);
    const pdfBytes = readFileSync(await pdf.path());
    expect(pdfBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    await page.click('#report-xlsx');
    const xlsxLink = page.locator('#report-link-xlsx');
    await xlsxLink.waitFor();
    const [xlsx] = await Promise.all([page.waitForEvent('download'), xlsxLink.click()]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await xlsx.path());
    expect(workbook.worksheets.map((sheet) => sheet.name)).toContain('Uptake');
    const uptakeSheet = workbook.getWorksheet('Uptake');
    expect(String(uptakeSheet?.getCell('A2').value)).toContain(EXPECTED.uptake);
    await page.close();
  });

  it("lets a coordinator set up a channel tab: outside Teams the configuration page offers the areas and the tab's address", async () => {
    const page = await context.newPage();
    await page.goto(`${app.url}/tab/config`);
    await page.waitForSelector('main[aria-busy="false"]');
    await expect(page.locator('#local-mode').isVisible()).resolves.toBe(true);
    // Not framed by Teams, so no channel: the tab can show a whole area.
    await expect(page.locator('#scope-area').isChecked()).resolves.toBe(true);
    await expect(page.locator('#area option').allTextContents()).resolves.toEqual([PROGRAMME_AREA]);
    const link = page.locator('#tab-link');
    await expect(link.getAttribute('href')).resolves.toBe(`${app.url}/tab?area=${PROGRAMME_AREA}`);
    expect(await seriousViolations(page)).toEqual([]);
    await link.click();
    await page.waitForSelector('main[aria-busy="false"]');
    await expect(page.locator('#title').textContent()).resolves.toBe(`Programme dashboard: ${PROGRAMME_AREA}`);
    await page.close();
  });
});
