// The evaluation report, as a PDF (pdfkit: one page per section, charts drawn server-side as vector bars beside their
// tables) and as an Excel workbook (exceljs: one sheet per section), from the same figures the tab shows, with the same
// suppression; delivered behind a signed download link. Two requests for the same report at once: one is made, both
// get its link.
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { describeLondonDateTime } from '../../domain/londonTime';
import type { PublishedLink } from '../../platform/files/downloadLinks';
import type { Services } from '../../platform/services';
import { SUPPRESSED, type Figure } from './figures';
import { programmeView, type ProgrammeView, type Scope } from './programme';
import type { Viewer } from './tabAccess';

export const REPORT_FORMATS = ['pdf', 'xlsx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportLink {
  readonly url: string;
  readonly fileName: string;
  readonly expiresAt: string;
}

export type ReportOutcome = { readonly ok: true; readonly link: ReportLink } | { readonly ok: false; readonly status: 403 | 404; readonly message: string };

const CONTENT_TYPES: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Reports being made, by tenant, scope and format: a second request while one is made waits for the same one. */
const inFlight = new Map<string, Promise<ReportOutcome>>();

export async function evaluationReport(viewer: Viewer, scope: Scope, format: ReportFormat, services: Services): Promise<ReportOutcome> {
  const key = `${viewer.caller.tenantId}|${viewer.caller.aadObjectId}|${JSON.stringify(scope)}|${format}`;
  const running = inFlight.get(key);
  if (running) return running;
  const made = makeReport(viewer, scope, format, services).finally(() => inFlight.delete(key));
  inFlight.set(key, made);
  return made;
}

async function makeReport(viewer: Viewer, scope: Scope, format: ReportFormat, services: Services): Promise<ReportOutcome> {
  const outcome = await programmeView(viewer, scope, services);
  if (!outcome.ok) return outcome;
  return { ok: true, link: await publishReport(viewer, outcome.view, format, services) };
}

/** One report file from figures already read (the command makes both formats from one read), behind a signed link. */
export async function publishReport(viewer: Viewer, view: ProgrammeView, format: ReportFormat, services: Services): Promise<ReportLink> {
  const content = format === 'pdf' ? await reportPdf(view) : await reportWorkbook(view);
  const fileName = `evaluation-report-${view.scope.id.replace(/[^\w-]+/g, '-')}-${view.computedAt.slice(0, 10)}.${format}`;
  const now = services.clock.now();
  const link: PublishedLink = await services.downloads.publish({ fileName, contentType: CONTENT_TYPES[format], content, ownerAadObjectId: viewer.caller.aadObjectId, now });
  services.logger.info({ event: 'dashboard.report', format, scope: view.scope.kind, cohorts: view.cohorts.length }, 'evaluation report made');
  return { url: link.url, fileName, expiresAt: link.expiresAt.toISOString() };
}

const figureText = (figure: Figure): string => (figure.mean === undefined ? `${SUPPRESSED} (n=${figure.n})` : `${figure.mean.toFixed(2)} (n=${figure.n}, sd ${(figure.sd ?? 0).toFixed(2)})`);
const signed = (value: number | undefined): string => (value === undefined ? SUPPRESSED : `${value > 0 ? '+' : ''}${value.toFixed(2)}`);

export interface ReportSection {
  readonly title: string;
  /** The workbook's sheet name: Excel allows 31 characters and no `: \ / ? * [ ]`. */
  readonly sheet: string;
  readonly note: string;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Bars to draw: one group per row, one bar per series; absent values are suppressed and not drawn. */
  readonly chart?: { readonly max: number; readonly series: readonly string[]; readonly groups: readonly { readonly label: string; readonly values: readonly (number | undefined)[] }[] };
}

/** The report's sections, shared by both formats so the PDF and the workbook always hold the same figures. */
export function reportSections(view: ProgrammeView): ReportSection[] {
  const computed = `Computed ${describeLondonDateTime(new Date(view.computedAt))}.`;
  const { pulse, cascade } = view.evaluation;
  const sections: ReportSection[] = [
    {
      title: 'Cohorts',
      sheet: 'Cohorts',
      note: `${view.cohorts.length} cohorts. ${computed}`,
      headers: ['Cohort', 'Channel', 'Members added', 'Workshop 1', 'Workshop 2', 'Surveys open', 'Left to do'],
      rows: view.cohorts.map((cohort) => [
        cohort.name,
        cohort.channelMade ? 'made' : 'not yet',
        `${cohort.membersAdded} of ${cohort.members}`,
        ...cohort.workshops.map((w) => `${w.status}${w.localStart ? ` ${w.localStart.replace('T', ' ')}` : ''}`),
        cohort.surveysOpen.join(', ') || 'none',
        cohort.leftToDo.join(' ') || 'nothing',
      ]),
    },
    view.uptake.available
      ? {
          title: 'Uptake',
          sheet: 'Uptake',
          note: `${view.uptake.takenPart ?? 0} of ${view.uptake.open ?? 0} open schools have taken part (${view.uptake.percent ?? 0}%); ${view.uptake.started ?? 0} have started. ${computed}`,
          headers: ['Phase', 'Open schools', 'Taken part', 'Started', 'Per cent taken part'],
          rows: (view.uptake.byPhase ?? []).map((line) => [line.phase, String(line.open), String(line.takenPart), String(line.started), `${line.percent}%`]),
          chart: { max: 100, series: ['Per cent taken part'], groups: (view.uptake.byPhase ?? []).map((line) => ({ label: line.phase, values: [line.percent] })) },
        }
      : { title: 'Uptake', sheet: 'Uptake', note: view.uptake.message ?? 'No uptake figures.', headers: [], rows: [] },
    {
      title: 'Evaluation: pulse survey, baseline and follow-up',
      sheet: 'Pulse survey',
      note: `Baseline: ${pulse.baselineRespondents} people in ${pulse.cohortsWithBaseline} cohorts; follow-up: ${pulse.followUpRespondents} people in ${pulse.cohortsWithFollowUp} cohorts. Any figure from ${SUPPRESSED} people is suppressed. ${computed}`,
      headers: ['Measure', 'Baseline mean (n, sd)', 'Follow-up mean (n, sd)', 'Change'],
      rows: pulse.measures.map((m) => [m.text, figureText(m.baseline), figureText(m.followUp), signed(m.change)]),
      chart: { max: 5, series: ['Baseline', 'Follow-up'], groups: pulse.measures.map((m) => ({ label: m.label, values: [m.baseline.mean, m.followUp.mean] })) },
    },
    {
      title: 'Evaluation: CASCADE, now and in a year',
      sheet: 'CASCADE',
      note: `${cascade.respondents} people in ${cascade.cohorts} cohorts. Any figure from ${SUPPRESSED} people is suppressed. ${computed}`,
      headers: ['Dimension', 'Now (n, sd)', 'In a year (n, sd)', 'Gap'],
      rows: cascade.dimensions.map((d) => [`${d.letter}: ${d.name}`, figureText(d.now), figureText(d.inAYear), signed(d.gap)]),
      chart: { max: 5, series: ['Now', 'In a year'], groups: cascade.dimensions.map((d, i) => ({ label: `${i + 1}. ${d.letter}`, values: [d.now.mean, d.inAYear.mean] })) },
    },
    { title: '5 Steps', sheet: '5 Steps', note: view.fiveSteps.message, headers: [], rows: [] },
    { title: 'Network and panel activity', sheet: 'Network and panel activity', note: view.activity.message, headers: [], rows: [] },
  ];
  return sections;
}

const SERIES_COLOURS = ['#5b5fc7', '#c4314b'];

async function reportPdf(view: ProgrammeView): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 40, info: { Title: `Evaluation report: ${view.scope.name}`, Author: 'Link Programme bot' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 80;
  reportSections(view).forEach((section, index) => {
    if (index > 0) doc.addPage();
    doc.fontSize(9).fillColor('#555').text(`Evaluation report: ${view.scope.name} (${view.scope.kind})`);
    doc.moveDown(0.5).fontSize(16).fillColor('#000').text(section.title);
    doc.moveDown(0.3).fontSize(9).fillColor('#333').text(section.note);
    doc.moveDown(0.8);
    if (section.chart && section.chart.groups.length > 0) drawChart(doc, section.chart, width);
    if (section.headers.length > 0) drawTable(doc, section.headers, section.rows, width);
  });
  doc.end();
  return done;
}

function drawChart(doc: PDFKit.PDFDocument, chart: NonNullable<ReportSection['chart']>, width: number): void {
  const left = 40;
  const labelWidth = 150;
  const barHeight = 8;
  const barArea = width - labelWidth - 40;
  chart.series.forEach((series, s) => {
    doc.rect(left + labelWidth + s * 110, doc.y, 8, 8).fill(SERIES_COLOURS[s] ?? '#888');
    doc.fillColor('#000').fontSize(8).text(series, left + labelWidth + s * 110 + 12, doc.y, { lineBreak: false });
  });
  doc.moveDown(1.2);
  for (const group of chart.groups) {
    const top = doc.y;
    doc.fillColor('#000').fontSize(8).text(group.label, left, top, { width: labelWidth - 6, height: barHeight * chart.series.length + 4, ellipsis: true });
    group.values.forEach((value, s) => {
      const y = top + s * (barHeight + 1);
      if (value === undefined) {
        doc.fillColor('#777').fontSize(7).text(SUPPRESSED, left + labelWidth, y, { lineBreak: false });
      } else {
        doc.rect(left + labelWidth, y, Math.max(1, (value / chart.max) * barArea), barHeight).fill(SERIES_COLOURS[s] ?? '#888');
        doc.fillColor('#000').fontSize(7).text(value.toFixed(1), left + labelWidth + (value / chart.max) * barArea + 3, y, { lineBreak: false });
      }
    });
    doc.x = left;
    doc.y = top + chart.series.length * (barHeight + 1) + 6;
  }
  doc.moveDown(1);
}

function drawTable(doc: PDFKit.PDFDocument, headers: readonly string[], rows: readonly (readonly string[])[], width: number): void {
  const left = 40;
  const column = width / headers.length;
  const line = (cells: readonly string[], bold: boolean) => {
    if (doc.y > doc.page.height - 80) doc.addPage();
    const top = doc.y;
    let bottom = top;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8).fillColor('#000');
    cells.forEach((cell, i) => {
      doc.text(cell, left + i * column, top, { width: column - 4 });
      bottom = Math.max(bottom, doc.y);
    });
    doc.x = left;
    doc.y = bottom + 3;
  };
  line(headers, true);
  for (const row of rows) line(row, false);
  doc.font('Helvetica');
}

async function reportWorkbook(view: ProgrammeView): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Link Programme bot';
  workbook.created = new Date(view.computedAt);
  for (const section of reportSections(view)) {
    const sheet = workbook.addWorksheet(section.sheet);
    sheet.addRow([`Evaluation report: ${view.scope.name}`]).font = { bold: true };
    sheet.addRow([section.note]);
    sheet.addRow([]);
    if (section.headers.length > 0) {
      sheet.addRow([...section.headers]).font = { bold: true };
      // A cell a spreadsheet would read as a formula is kept as text.
      for (const row of section.rows) sheet.addRow(row.map((cell) => (/^[=+\-@]/.test(cell) && !/^[+-]\d/.test(cell) ? `'${cell}` : cell)));
      sheet.columns.forEach((col) => {
        col.width = 24;
      });
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

