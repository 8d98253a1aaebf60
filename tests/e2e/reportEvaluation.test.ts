// `report evaluation <area|cohort>` through the bot over HTTP (the real server on Azurite, a local Bot Connector
// stand-in): a coordinator in personal chat gets two download cards, and their links serve the evaluation report as a
// PDF and as an Excel workbook, read back here (the PDF's compressed page streams inflated with node:zlib, the workbook
// with exceljs) to check they hold the area's name and its figures, small groups suppressed.
import { inflateSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { startConnectorStub, type ConnectorStub } from '../support/connectorStub';
import { asUser, FIXTURE_TENANT, FIXTURE_USER_AAD, loadActivity, type Json } from '../support/fixtures';
import { EXPECTED, PROGRAMME_AREA, PROGRAMME_COHORT_NAME, seedProgramme } from '../support/programme';
import { repliesTo } from '../support/teams';
import { startTestApp, type RunningApp } from '../support/testApp';

const NOW = new Date('2027-03-20T10:00:00Z');

interface DownloadCard { readonly body: readonly Json[]; readonly actions: readonly { readonly type: string; readonly url: string }[] }

/** The text a PDF shows: every content stream inflated, the strings of its text operators (Tj, TJ) decoded. */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const lines: string[] = [];
  for (const match of raw.matchAll(/stream\r?\n/g)) {
    const start = (match.index ?? 0) + match[0].length;
    const end = raw.indexOf('endstream', start);
    let content: string;
    try {
      content = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue; // Not a deflated stream (a font's metrics, an image).
    }
    for (const operator of content.matchAll(/\[((?:<[0-9a-fA-F]*>|\([^)]*\)|[-\d.\s])*)\]\s*TJ|(<[0-9a-fA-F]*>|\([^)]*\))\s*Tj/g)) {
      const strings = (operator[1] ?? operator[2] ?? '').match(/<[0-9a-fA-F]*>|\([^)]*\)/g) ?? [];
      lines.push(strings.map((s) => (s.startsWith('<') ? Buffer.from(s.slice(1, -1), 'hex').toString('latin1') : s.slice(1, -1))).join(''));
    }
  }
  return lines.join('\n');
}

describe('report evaluation through the bot', () => {
  let app: RunningApp;
  let connector: ConnectorStub;

  beforeAll(async () => {
    connector = await startConnectorStub();
    app = await startTestApp({ COORDINATOR_IDS: FIXTURE_USER_AAD }, { clock: { now: () => NOW } });
    await seedProgramme(app.app.services, FIXTURE_TENANT, FIXTURE_USER_AAD, NOW);
  });
  afterAll(async () => {
    await app.stop();
    await connector.close();
  });

  const say = (activity: Json, count = 1) => repliesTo(app, connector, { ...activity, serviceUrl: connector.serviceUrl }, count);

  /** The reply's two download cards, and the file behind each link (fetched from the test server). */
  async function reportFiles(text: string): Promise<{ titles: string[]; pdf: Buffer; xlsx: ArrayBuffer; names: string[] }> {
    const replies = await say(loadActivity('personal-message', { text }), 2);
    const cards = replies.map((reply) => (reply.attachments as { content: DownloadCard }[])[0]!.content);
    const files = await Promise.all(
      cards.map(async (card) => {
        const url = card.actions.find((action) => action.type === 'Action.OpenUrl')!.url.replace(/^http:\/\/localhost:\d+/, app.url);
        const response = await fetch(url);
        expect(response.status).toBe(200);
        const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? '';
        return { name, type: response.headers.get('content-type'), content: await response.arrayBuffer() };
      }),
    );
    expect(files.map((file) => file.type)).toEqual(['application/pdf', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
    return { titles: cards.map((card) => JSON.stringify(card.body)), pdf: Buffer.from(files[0]!.content), xlsx: files[1]!.content, names: files.map((file) => file.name) };
  }

  it("gives a coordinator the area's report as a PDF and a workbook that hold its name and figures", async () => {
    const { titles, pdf, xlsx, names } = await reportFiles(`report evaluation ${PROGRAMME_AREA}`);
    expect(titles[0]).toContain(`Evaluation report (PDF): ${PROGRAMME_AREA}`);
    expect(titles[1]).toContain(`Evaluation report (Excel): ${PROGRAMME_AREA}`);
    expect(names).toEqual(['evaluation-report-salford-2027-03-20.pdf', 'evaluation-report-salford-2027-03-20.xlsx']);

    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText(pdf);
    expect(text).toContain(`Evaluation report: ${PROGRAMME_AREA} (area)`);
    expect(text).toContain(PROGRAMME_COHORT_NAME);
    expect(text).toContain(EXPECTED.uptake);
    expect(text).toContain(EXPECTED.contactBaseline);
    expect(text).toContain('fewer than 3 (n=1)');
    // One page per section: cohorts, uptake, pulse, CASCADE, 5 Steps, activity.
    expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)).toHaveLength(6);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Cohorts', 'Uptake', 'Pulse survey', 'CASCADE', '5 Steps', 'Network and panel activity']);
    for (const sheet of workbook.worksheets) expect(String(sheet.getCell('A1').value)).toBe(`Evaluation report: ${PROGRAMME_AREA}`);
    const uptake = workbook.getWorksheet('Uptake')!;
    expect(String(uptake.getCell('A2').value)).toContain(EXPECTED.uptake);
    const phases = uptake.getSheetValues().slice(5).map((row) => (Array.isArray(row) ? row.slice(1) : []));
    expect(phases).toEqual(expect.arrayContaining([['primary', '2', '1', '1', '50%'], ['secondary', '1', '1', '0', '100%']]));
    const pulse = workbook.worksheets[2]!;
    const contact = pulse.getRow(5);
    expect(String(contact.getCell(2).value)).toContain(EXPECTED.contactBaseline);
    expect(String(contact.getCell(3).value)).toContain(EXPECTED.contactFollowUp);
    expect(contact.getCell(4).value).toBe(EXPECTED.contactChange);
    const cascade = workbook.worksheets[3]!;
    expect(String(cascade.getCell('A2').value)).toContain('2 people in 1 cohorts');
    expect(String(cascade.getRow(5).getCell(2).value)).toBe('fewer than 3 (n=2)');
  });

  it("gives one cohort's report when asked by the cohort's name", async () => {
    const { titles, pdf, xlsx } = await reportFiles(`report evaluation ${PROGRAMME_COHORT_NAME}`);
    expect(titles[0]).toContain(PROGRAMME_COHORT_NAME);
    expect(pdfText(pdf)).toContain(`Evaluation report: ${PROGRAMME_COHORT_NAME} (cohort)`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx);
    expect(String(workbook.worksheets[0]!.getCell('A1').value)).toBe(`Evaluation report: ${PROGRAMME_COHORT_NAME}`);
  });

  it('says what to do for an unknown area, outside personal chat, and for someone without the role', async () => {
    const [unknown] = await say(loadActivity('personal-message', { text: 'report evaluation atlantis' }));
    expect(JSON.stringify(unknown)).toContain('There is no area or cohort called \\"atlantis\\"');
    const [channel] = await say(loadActivity('channel-mention', { text: `<at>Link Programme</at> report evaluation ${PROGRAMME_AREA}` }));
    expect(JSON.stringify(channel)).toContain('personal chat');
    const [refused] = await say(asUser(loadActivity('personal-message', { text: `report evaluation ${PROGRAMME_AREA}` }), '0b7c2d4e-5f60-4a1b-8c9d-0e1f2a3b4c5d', 'Sam Lead'));
    const refusal = JSON.stringify(refused);
    expect(refusal).toContain('Only facilitators');
    expect(refusal).not.toContain('Action.OpenUrl');
  });
});
