import { date, dateTime, Sheet, word } from './sheet';
import { HouseholdFacts, householdLines, PlanFacts, planLines } from './plan-sheet';

export interface SummarySheetFacts {
  caseId: string;
  programme: string;
  stage: string;
  referredAt: Date;
  referringAgency: string;
  household: HouseholdFacts;
  summary: string | null;
  fields: string[];
  issueTags: string[];
  assessment: { summary: string; needs: string[] } | null;
  plan: PlanFacts | null;
  meetings: { kind: string; occasion: string; outcome: string; at: Date }[];
  openTasks: { name: string; dueAt: string | null; overdue: boolean }[];
  printedAt: Date;
}

/** A case summary for a meeting: who the household is, what was found and agreed, what is open. */
export function summarySheet(fontFile: string, facts: SummarySheetFacts): Promise<Buffer> {
  return Sheet.render(fontFile, 'ケース概要（会議資料）', (sheet) => {
    sheet
      .paragraph(`ケース番号：${facts.caseId}`)
      .line('事業', word(facts.programme))
      .line('段階', facts.stage)
      .line('つなぎ', `${date(facts.referredAt)}\u3000${facts.referringAgency}`);
    sheet.section('世帯');
    householdLines(sheet, facts.household);
    sheet.section('相談の概要');
    sheet
      .line('関わる分野', facts.fields.map(word).join('、'))
      .line('世帯の課題', facts.issueTags.join('、'))
      .line('概要', facts.summary);
    sheet.section('アセスメント');
    sheet
      .line('所見', facts.assessment?.summary)
      .line('支援が必要なこと', facts.assessment?.needs.join('、'));
    sheet.section(facts.plan ? `プラン（第${facts.plan.version}版）` : 'プラン');
    if (facts.plan) planLines(sheet, facts.plan);
    else sheet.paragraph('（未作成）');
    sheet.section('会議');
    if (facts.meetings.length === 0) sheet.paragraph('（なし）');
    for (const m of facts.meetings) {
      sheet.paragraph(`・${date(m.at)} ${word(m.kind)}（${m.occasion}）：${word(m.outcome)}`);
    }
    sheet.section('未了の作業');
    if (facts.openTasks.length === 0) sheet.paragraph('（なし）');
    for (const t of facts.openTasks) {
      const due = t.dueAt ? `\u3000期限 ${dateTime(new Date(t.dueAt))}` : '';
      sheet.paragraph(`・${t.name}${due}${t.overdue ? '（期限超過）' : ''}`);
    }
    sheet.note(
      `${date(facts.printedAt)} 印刷\u3000取扱注意：要配慮個人情報を含みます。` +
        '会議の構成員の守秘義務の範囲で使用し、会議の後は回収してください。',
    );
  });
}
