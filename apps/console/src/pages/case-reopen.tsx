import { useMemo } from 'react';
import { api, CaseView } from '../api/client';
import document from '../api/openapi.json';
import { GeneratedForm } from '../forms/generated-form';
import { formFields, OpenApiDocument } from '../forms/task-form';
import { useI18n } from '../lib/i18n';
import { Section } from '../lib/ui';

const REOPEN = '/v1/cases/{id}/reopen';

/**
 * Reopening a case whose process has ended (終結 or 中断) at assessment, with the reason (再開の
 *理由). Offered only while the case is not running; the API's 409 is shown above the button.
 */
export function CaseReopen({
  caseId,
  onDone,
}: {
  caseId: string;
  onDone: (view: CaseView | undefined, pending: boolean) => void;
}) {
  const { t } = useI18n();
  const specs = useMemo(() => formFields(document as unknown as OpenApiDocument, REOPEN), []);
  return (
    <Section title={t('reopen')}>
      <GeneratedForm
        formId="form-reopen"
        specs={specs}
        labels="reopen."
        submitLabel={t('reopen')}
        send={(body) => api.POST(REOPEN, { params: { path: { id: caseId } }, body: body as never })}
        onSent={(sent) => {
          const view = (sent as { data?: CaseView }).data;
          onDone(view, !!view?.recordsPending);
        }}
      />
    </Section>
  );
}
