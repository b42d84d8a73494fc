import PDFDocument from 'pdfkit';

/** Words of the printouts for the codes cases store; a code without one prints as it is. */
const WORDS: Record<string, string> = {
  children: '子ども・子育て',
  elderly: '高齢',
  disability: '障害',
  poverty: '生活困窮',
  general: 'その他',
  person: '本人',
  father: '父',
  mother: '母',
  son: '息子',
  daughter: '娘',
  spouse: '配偶者',
  collaboration: '多機関協働',
  participation: '参加支援',
  outreach: 'アウトリーチ等を通じた継続的支援',
  consultation: '包括的相談支援',
  community: '地域づくり',
  support_meeting: '支援会議',
  multilayer_meeting: '重層的支援会議',
  field_meeting: '分野別の会議',
  block_meeting: 'ブロック会議',
  agreed: '合意',
  not_agreed: '合意に至らず',
  postponed: '延期',
};
export const word = (code: string) => WORDS[code] ?? code;

/** An ISO 8601 interval as a person reads it (P1M → 1か月); others print as they are. */
export function interval(duration: string): string {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/.exec(duration);
  if (!m || !m.slice(1).some(Boolean)) return duration;
  const units = ['年', 'か月', '週間', '日'];
  return m
    .slice(1)
    .map((n, i) => (n ? `${n}${units[i]}` : ''))
    .join('');
}

const DATE = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', dateStyle: 'long' });
const DATE_TIME = new Intl.DateTimeFormat('ja-JP', {
  timeZone: 'Asia/Tokyo',
  dateStyle: 'long',
  timeStyle: 'short',
});
/** Dates as the office reads them: in Asia/Tokyo, in Japanese. */
export const date = (d: Date) => DATE.format(d);
export const dateTime = (d: Date) => DATE_TIME.format(d);

/** The few things every sheet does: a title, headed sections, labelled lines, a footer. */
export class Sheet {
  private constructor(readonly doc: PDFKit.PDFDocument) {}

  /** Renders a sheet set in `fontFile` (A4) and gives its bytes. */
  static render(fontFile: string, title: string, draw: (sheet: Sheet) => void): Promise<Buffer> {
    const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: title } });
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolve, reject) => {
      doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      doc.on('end', () => resolve(Buffer.concat(chunks)));
      doc.on('error', reject);
    });
    doc.registerFont('body', fontFile);
    doc.font('body');
    const sheet = new Sheet(doc);
    doc.fontSize(18).text(title, { align: 'center' }).moveDown(1);
    draw(sheet);
    doc.end();
    return done;
  }

  section(heading: string): this {
    this.doc.moveDown(0.6).fontSize(13).text(`■ ${heading}`).moveDown(0.2);
    this.doc.fontSize(10.5);
    return this;
  }

  line(label: string, value: string | null | undefined): this {
    this.doc.fontSize(10.5).text(`${label}：${value && value.trim() !== '' ? value : '（なし）'}`);
    return this;
  }

  paragraph(text: string): this {
    this.doc.fontSize(10.5).text(text);
    return this;
  }

  /** A blank to fill in by hand: the label, then a rule. */
  blank(label: string): this {
    const { doc } = this;
    doc.moveDown(0.8).fontSize(11).text(label, { continued: false });
    const y = doc.y + 2;
    doc
      .moveTo(doc.page.margins.left, y)
      .lineTo(doc.page.width - doc.page.margins.right, y)
      .stroke();
    doc.moveDown(0.4);
    return this;
  }

  note(text: string): this {
    this.doc.moveDown(1).fontSize(8.5).text(text, { align: 'left' });
    return this;
  }
}
