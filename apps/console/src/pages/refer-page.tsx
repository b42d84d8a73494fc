import { useMemo, useState } from 'react';
import { api } from '../api/client';
import document from '../api/openapi.json';
import { GeneratedForm } from '../forms/generated-form';
import { formFields, OpenApiDocument } from '../forms/task-form';
import type { Session } from '../lib/auth';
import { useI18n } from '../lib/i18n';
import { hrefOf } from '../lib/route';
import { linkClass, PageTitle } from '../lib/ui';

/**
 * A referral (受付), generated from the referral's body schema like the task forms. The id is
 * made here, once per form, so sending again after a lost answer refers the same case.
 */
export function ReferPage({ session }: { session: Session }) {
  const { t } = useI18n();
  const fixed = useMemo(
    () => ({ id: crypto.randomUUID(), municipality: session.municipality }),
    [session],
  );
  const specs = useMemo(
    () => formFields(document as unknown as OpenApiDocument, '/v1/cases', fixed),
    [fixed],
  );
  const [created, setCreated] = useState<string>();

  if (created) {
    return (
      <>
        <PageTitle>{t('refer')}</PageTitle>
        <p role="status" className="mb-4">
          {t('created')}{' '}
          <a className={linkClass} href={hrefOf({ page: 'case', id: created })}>
            {created}
          </a>
        </p>
      </>
    );
  }
  return (
    <>
      <PageTitle>{t('refer')}</PageTitle>
      <p className="mb-4">
        {t('newCaseId')}: {fixed.id}
      </p>
      <GeneratedForm
        formId="refer"
        specs={specs}
        fixed={fixed}
        submitLabel={t('refer')}
        send={(body) => api.POST('/v1/cases', { body: body as never })}
        onSent={() => setCreated(fixed.id)}
      />
    </>
  );
}
