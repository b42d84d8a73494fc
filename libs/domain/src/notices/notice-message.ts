import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Notice } from '../process/state';

/** A notice as stored for one recipient: it names a case and a task, never the household. */
export interface NoticeContent {
  kind: Notice['kind'] | string;
  caseId: string;
  elementId: string;
  taskName: string | null;
  dueAt: Date | null;
  level: number | null;
}

const KIND_LABELS: Record<string, string> = {
  reminder: 'リマインダー',
  overdue: '期限超過',
  escalation: 'エスカレーション',
  invitation: 'ご案内',
  event_reminder: '開催前のお知らせ',
  event_notice: 'お知らせ',
  assigned: '担当の引継ぎ',
  transferred: '担当窓口の移管',
};
/** What a change of hands tells its new hands, where other notices name their task. */
const HANDOVER_WORDING: Record<string, string> = {
  assigned: 'ケースの担当になりました',
  transferred: 'ケースが貴機関に移管されました',
};
/** Notices about an event (a meeting) carry when it is, not a due date. */
const EVENT_KINDS = new Set(['invitation', 'event_reminder']);

const tokyo = (at: Date) => format(new TZDate(at, 'Asia/Tokyo'), 'yyyy-MM-dd HH:mm');

/** A notice's kind in the words its recipients read. */
export function noticeLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind;
}

/**
 * The e-mail a notice becomes. Mail leaves the municipality's systems, so it carries the case's
 * number and the task (or what happened to the case) only: whoever reads it opens the case in
 * the product to see more.
 */
export function noticeEmail(notice: NoticeContent): { subject: string; text: string } {
  const label = noticeLabel(notice.kind);
  const task = HANDOVER_WORDING[notice.kind] ?? notice.taskName ?? notice.elementId;
  const when = EVENT_KINDS.has(notice.kind) ? '日時' : '期限';
  const due = notice.dueAt ? `（${when} ${tokyo(notice.dueAt)}）` : '';
  const level = notice.level ? `\nエスカレーション段階: ${notice.level}` : '';
  return {
    subject: `[重層的支援] ${label}: ${task}${due}`,
    text: [
      `${label}: ${task}${due}`,
      `ケース番号: ${notice.caseId}${level}`,
      '',
      '詳細はシステムでケースを開いて確認してください。',
      'このメールは自動送信です。',
    ].join('\n'),
  };
}

/** The JSON a notice becomes for a chat tool's webhook; as sparse as the e-mail. */
export function noticeWebhookPayload(notice: NoticeContent): Record<string, unknown> {
  const { subject } = noticeEmail(notice);
  return {
    type: `notice.${notice.kind}`,
    text: subject,
    caseId: notice.caseId,
    task: notice.elementId,
    taskName: notice.taskName,
    dueAt: notice.dueAt?.toISOString() ?? null,
    level: notice.level,
  };
}
