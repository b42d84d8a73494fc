import { useMemo } from 'react';
import { api, CaseView } from '../api/client';
import document from '../api/openapi.json';
import { GeneratedForm } from '../forms/generated-form';
import { formFields, OpenApiDocument } from '../forms/task-form';
import { useI18n } from '../lib/i18n';
import { Section } from '../lib/ui';

const HANDS = {
  reassign: '/v1/cases/{id}/assignment',
  transfer: '/v1/cases/{id}/transfer',
} as const;

/**
 * A case changing hands: another coordinator (担当替え) or another office (移管), each with its
 * reason (kept as a case note by the API). A 409 (the same coordinator, a closed case) is shown
 * above the button; an unknown coordinator or agency next to its field.
 */
export function CaseHands({
  caseId,
  onDone,
}: {
  caseId: string;
  onDone: (view: CaseView | undefined) => void;
}) {
  const { t } = useI18n();
  const specs = useMemo(
    () => ({
      reassign: formFields(document as unknown as OpenApiDocument, HANDS.reassign),
      transfer: formFields(document as unknown as OpenApiDocument, HANDS.transfer),
    }),
    [],
  );
  return (
    <Section title={t('changeHands')}>
      {(['reassign', 'transfer'] as const).map((kind) => (
        <details key={kind} className="mb-3 rounded-8 border border-solid-gray-300 p-4">
          <summary className="cursor-pointer text-std-16B-170">{t(kind)}</summary>
          <div className="mt-3">
            <GeneratedForm
              formId={`form-${kind}`}
              specs={specs[kind]}
              labels={`${kind}.`}
              submitLabel={t(kind)}
              send={(body) =>
                api.POST(HANDS[kind], {
                  params: { path: { id: caseId } },
                  body: body as never,
                })
              }
              onSent={(sent) => onDone((sent as { data?: CaseView }).data)}
            />
          </div>
        </details>
      ))}
    </Section>
  );
}
