// The school's plan as a PDF (pdfkit): each step with its actions, each action's RAG rating as a coloured mark with
// its word (never colour alone), owner, target date, note and who changed it last; the lead and the reviews on top.
import PDFDocument from 'pdfkit';
import { describeLondonDate } from '../../domain/londonTime';
import type { Framework } from './domain/framework';
import { nextReviewDue, stepTally, type Person, type Plan, type Rating } from './domain/plan';
import { describeTally } from './planViews';

const RAG: Readonly<Record<Rating, { colour: string; word: string }>> = {
  red: { colour: '#c4314b', word: 'Red: not yet in place' },
  amber: { colour: '#e3a400', word: 'Amber: working towards' },
  green: { colour: '#237b4b', word: 'Green: achieved' },
};

export interface PlanPdfInput {
  readonly plan: Plan;
  readonly lead?: Person;
  readonly framework: Framework;
  readonly now: Date;
  /** Tests read the text back: uncompressed content streams. */
  readonly compress?: boolean;
}

export async function planPdf({ plan, lead, framework, now, compress = true }: PlanPdfInput): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 48, compress, info: { Title: `5 Steps plan: ${plan.schoolName}`, Author: 'Link Programme bot' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  doc.fontSize(18).fillColor('#000').text(`5 Steps plan: ${plan.schoolName}`);
  doc.moveDown(0.3).fontSize(10).fillColor('#333');
  doc.text(`URN ${plan.urn}, ${plan.areaId}. Printed ${describeLondonDate(now)}.`);
  doc.text(`Senior mental health lead: ${lead?.name || 'not named yet'}.`);
  doc.text(
    plan.lastReviewAt
      ? `Reviews: ${plan.reviews}, the last on ${describeLondonDate(plan.lastReviewAt)}; the next is due ${describeLondonDate(nextReviewDue(plan.lastReviewAt, plan.reviewMonths))} (every ${plan.reviewMonths} months).`
      : `No review marked complete yet; the plan is reviewed every ${plan.reviewMonths} months.`,
  );

  framework.steps.forEach((step, s) => {
    if (s > 0) doc.addPage();
    else doc.moveDown(1);
    doc.fontSize(14).fillColor('#000').text(`Step ${s + 1}: ${step.title}`);
    doc.fontSize(10).fillColor('#333').text(describeTally(stepTally(plan, step)));
    doc.moveDown(0.6);
    step.actions.forEach((action, a) => {
      const entry = plan.entries[action.id];
      if (doc.y > doc.page.height - 160) doc.addPage();
      doc.fontSize(11).fillColor('#000').text(`${a + 1}. ${action.text}`, left, doc.y, { width });
      const y = doc.y + 3;
      const rating = entry?.rating ? RAG[entry.rating] : undefined;
      doc.rect(left, y, 10, 10).fillAndStroke(rating?.colour ?? '#ffffff', rating?.colour ?? '#888888');
      doc.fillColor('#000').fontSize(10).text(rating?.word ?? 'Not rated yet', left + 16, y, { width: width - 16 });
      const details = [
        entry?.owner ? `Owner: ${entry.owner}` : undefined,
        entry?.target ? `Target date: ${entry.target}` : undefined,
        entry?.note ? `Note: ${entry.note}` : undefined,
        entry ? `Changed by ${entry.changedBy.name || 'someone'} on ${describeLondonDate(entry.changedAt)}` : undefined,
      ].filter((line): line is string => line !== undefined);
      doc.fillColor('#333');
      for (const line of details) doc.text(line, left + 16, doc.y, { width: width - 16 });
      doc.moveDown(0.7);
    });
  });
  doc.end();
  return done;
}
