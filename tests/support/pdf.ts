// Reads a PDF back with pdf2json (a maintained PDF parser): its page count and its text, page after page, so a test
// checks what a person would read in the file.
import PDFParser from 'pdf2json';

export async function readPdf(content: Buffer): Promise<{ pages: number; text: string }> {
  const parser = new PDFParser();
  const data = await new Promise<{ Pages: { Texts: { R: { T: string }[] }[] }[] }>((resolve, reject) => {
    parser.on('pdfParser_dataError', (error) => reject(error instanceof Error ? error : new Error(String((error as { parserError?: unknown }).parserError))));
    parser.on('pdfParser_dataReady', (pdf) => resolve(pdf as unknown as { Pages: { Texts: { R: { T: string }[] }[] }[] }));
    parser.parseBuffer(content);
  });
  const decode = (t: string) => {
    try {
      return decodeURIComponent(t);
    } catch {
      return t;
    }
  };
  const text = data.Pages.map((page) => page.Texts.map((item) => item.R.map((run) => decode(run.T)).join('')).join(' ')).join('\n');
  return { pages: data.Pages.length, text };
}
