// The text of each page of a PDF read on stdin, as JSON: pdfjs-dist is an ES module, which the
// e2e tests (CommonJS under ts-jest) run in a node of its own.
import { Buffer } from 'node:buffer';
import process from 'node:process';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const chunks = [];
for await (const c of process.stdin) chunks.push(c);
const doc = await getDocument({ data: new Uint8Array(Buffer.concat(chunks)) }).promise;
const pages = [];
for (let i = 1; i <= doc.numPages; i++) {
  const page = await doc.getPage(i);
  const content = await page.getTextContent();
  pages.push(content.items.map((it) => it.str).join(''));
}
process.stdout.write(JSON.stringify(pages));
