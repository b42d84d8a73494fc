import { date, interval, Sheet, word } from './sheet';

export interface HouseholdFacts {
  name: string;
  address: string | null;
  members: { name: string; relation: string; age: number | null; isPerson: boolean }[];
}

export interface PlanFacts {
  version: number;
  goals: string;
  direction: string | null;
  roleNotes: string | null;
  monitoringInterval: string;
  agencies: { code: string; name: string }[];
  draftedAt: Date;
}

export interface PlanSheetFacts {
  caseId: string;
  household: HouseholdFacts;
  fields: string[];
  issueTags: string[];
  needs: string[];
  plan: PlanFacts;
  printedAt: Date;
}

export function householdLines(sheet: Sheet, household: HouseholdFacts): void {
  sheet.line('世帯', household.name).line('住所', household.address);
  for (const m of household.members) {
    const age = m.age === null ? '' : `、${m.age}歳`;
    sheet.paragraph(`・${m.name}（${word(m.relation)}${age}）${m.isPerson ? '［本人］' : ''}`);
  }
}

export function planLines(sheet: Sheet, plan: PlanFacts): void {
  sheet
    .line('目標', plan.goals)
    .line('支援の方向性', plan.direction)
    .line('モニタリングの間隔', interval(plan.monitoringInterval));
  sheet.section('関係機関の役割');
  for (const a of plan.agencies) sheet.paragraph(`・${a.name}`);
  if (plan.roleNotes) sheet.paragraph(plan.roleNotes);
}

/**
 * プラン兼利用申込書: the support plan as the person reads and signs it at plan application
 * (プラン申込み), after the multi-layered support meeting decided it.
 */
export function planSheet(fontFile: string, facts: PlanSheetFacts): Promise<Buffer> {
  return Sheet.render(fontFile, 'プラン兼利用申込書', (sheet) => {
    sheet
      .paragraph(`ケース番号：${facts.caseId}`)
      .paragraph(`プラン 第${facts.plan.version}版（${date(facts.plan.draftedAt)} 作成）`);
    sheet.section('世帯の状況');
    householdLines(sheet, facts.household);
    sheet.section('課題');
    sheet
      .line('関わる分野', facts.fields.map(word).join('、'))
      .line('世帯の課題', facts.issueTags.join('、'))
      .line('支援が必要なこと', facts.needs.join('、'));
    sheet.section('プラン');
    planLines(sheet, facts.plan);
    sheet.section('申込み');
    sheet.paragraph(
      '上記のプランの内容に同意し、支援の利用を申し込みます。' +
        'また、支援のために必要な範囲で、関係機関が私の情報を共有することに同意します。',
    );
    sheet.blank('申込日\u3000\u3000\u3000\u3000\u3000年\u3000\u3000\u3000月\u3000\u3000\u3000日');
    sheet.blank('本人 署名');
    sheet.blank('代理人 署名（本人との関係：\u3000\u3000\u3000\u3000\u3000）');
    sheet.note(`${date(facts.printedAt)} 印刷\u3000取扱注意：要配慮個人情報を含みます。`);
  });
}
