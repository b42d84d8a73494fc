import { noticeEmail, noticeWebhookPayload } from './notice-message';

const notice = {
  kind: 'reminder',
  caseId: '0b9c2f7e-3c55-4d2b-9a51-6f1d2c3b4a59',
  elementId: 'monitor',
  taskName: 'モニタリング',
  dueAt: new Date('2027-01-02T00:00:00Z'),
  level: null,
};

describe('noticeEmail', () => {
  it('names the kind, the task and the due time in Japan, and the case by number', () => {
    const mail = noticeEmail(notice);
    expect(mail.subject).toBe('[重層的支援] リマインダー: モニタリング（期限 2027-01-02 09:00）');
    expect(mail.text).toContain(`ケース番号: ${notice.caseId}`);
    expect(mail.text).not.toContain('エスカレーション段階');
  });

  it('gives an escalation its level, and a task without a name its id', () => {
    const mail = noticeEmail({ ...notice, kind: 'escalation', taskName: null, level: 2 });
    expect(mail.subject).toBe('[重層的支援] エスカレーション: monitor（期限 2027-01-02 09:00）');
    expect(mail.text).toContain('エスカレーション段階: 2');
  });

  it("gives a meeting's invitation and reminder its date and time, not a due date", () => {
    const meeting = { ...notice, elementId: 'meetingDay', taskName: '支援会議の開催' };
    expect(noticeEmail({ ...meeting, kind: 'invitation' }).subject).toBe(
      '[重層的支援] ご案内: 支援会議の開催（日時 2027-01-02 09:00）',
    );
    expect(noticeEmail({ ...meeting, kind: 'event_reminder' }).subject).toBe(
      '[重層的支援] 開催前のお知らせ: 支援会議の開催（日時 2027-01-02 09:00）',
    );
  });

  it('says what happened to the case when it changes hands, and its number, nothing more', () => {
    const handover = { ...notice, elementId: 'assigned', dueAt: null };
    const assigned = noticeEmail({ ...handover, kind: 'assigned', taskName: '担当の引継ぎ' });
    expect(assigned.subject).toBe('[重層的支援] 担当の引継ぎ: ケースの担当になりました');
    expect(assigned.text).toContain(`ケース番号: ${notice.caseId}`);
    const transferred = noticeEmail({
      ...handover,
      kind: 'transferred',
      elementId: 'transferred',
      taskName: '担当窓口の移管',
    });
    expect(transferred.subject).toBe('[重層的支援] 担当窓口の移管: ケースが貴機関に移管されました');
  });
});

describe('noticeWebhookPayload', () => {
  it('carries the same facts as JSON a chat tool can show', () => {
    expect(noticeWebhookPayload({ ...notice, kind: 'overdue', dueAt: null })).toEqual({
      type: 'notice.overdue',
      text: '[重層的支援] 期限超過: モニタリング',
      caseId: notice.caseId,
      task: 'monitor',
      taskName: 'モニタリング',
      dueAt: null,
      level: null,
    });
  });
});
