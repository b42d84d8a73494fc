import { useMemo, useState } from 'react';
import { api, Schemas } from '../api/client';
import document from '../api/openapi.json';
import { GeneratedForm } from '../forms/generated-form';
import { formFields, OpenApiDocument } from '../forms/task-form';
import { formatDateTime } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { secondaryButtonClass, Section } from '../lib/ui';
import { useLoad } from '../lib/use-api';

type Note = Schemas['CaseNoteView'];
const NOTES_PATH = '/v1/cases/{id}/notes';
/** A page of notes; older ones are read on request (a long case has hundreds). */
const PAGE = 20;

/**
 * The case's notes (支援記録), newest first, and the form to write one. Whoever may read the
 * case's notes sees them; the form is for those who may write (coordinators, agency staff).
 */
export function CaseNotes({ caseId, mayWrite }: { caseId: string; mayWrite: boolean }) {
  const { t, lang } = useI18n();
  const specs = useMemo(() => formFields(document as unknown as OpenApiDocument, NOTES_PATH), []);
  const first = useLoad(
    () => api.GET(NOTES_PATH, { params: { path: { id: caseId }, query: { limit: PAGE } } }),
    [caseId],
  );
  const [older, setOlder] = useState<{ notes: Note[]; next?: string | null }>();
  const notes = [...(first.data?.notes ?? []), ...(older?.notes ?? [])];
  const next = older ? older.next : first.data?.next;

  async function readOlder() {
    const res = await api.GET(NOTES_PATH, {
      params: { path: { id: caseId }, query: { limit: PAGE, before: Number(next) } },
    });
    if (res.data)
      setOlder({ notes: [...(older?.notes ?? []), ...res.data.notes], next: res.data.next });
  }

  return (
    <Section title={t('notes')}>
      {mayWrite && (
        <div className="mb-4 rounded-8 border border-solid-gray-300 p-4">
          <GeneratedForm
            formId="form-note"
            specs={specs}
            submitLabel={t('writeNote')}
            send={(body) =>
              api.POST(NOTES_PATH, {
                params: { path: { id: caseId } },
                body: body as { text: string },
              })
            }
            onSent={() => {
              setOlder(undefined);
              first.reload();
            }}
          />
        </div>
      )}
      {first.status !== undefined && first.status >= 400 ? (
        <p>{t('notesHidden')}</p>
      ) : notes.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <ol aria-label={t('notes')} className="space-y-3">
          {notes.map((n) => (
            <li key={n.id} className="rounded-8 border border-solid-gray-300 p-3">
              <p className="text-solid-gray-700">
                {formatDateTime(n.writtenAt, lang)} ・ {n.writtenBy}
              </p>
              <p className="whitespace-pre-wrap">{n.text}</p>
            </li>
          ))}
        </ol>
      )}
      {next && (
        <button
          type="button"
          className={`${secondaryButtonClass} mt-3`}
          onClick={() => void readOlder()}
        >
          {t('olderNotes')}
        </button>
      )}
    </Section>
  );
}
