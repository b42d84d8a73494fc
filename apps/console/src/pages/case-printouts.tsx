import { useState } from 'react';
import { api } from '../api/client';
import { useI18n } from '../lib/i18n';
import { secondaryButtonClass, Section } from '../lib/ui';

const PRINTOUTS = {
  planPdf: { path: '/v1/cases/{id}/plan.pdf', file: 'plan' },
  summaryPdf: { path: '/v1/cases/{id}/summary.pdf', file: 'summary' },
} as const;
type Printout = keyof typeof PRINTOUTS;

/**
 * The papers a coordinator prints: the plan for the person's signature (プラン兼利用申込書) and
 * the case summary for a meeting. Fetched with the bearer token (a plain link would carry none)
 * and handed to the browser as a download; the file is named by the case id only.
 */
export function CasePrintouts({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const [told, setTold] = useState<{ ok: boolean; text: string }>();
  const [busy, setBusy] = useState<Printout>();

  async function download(printout: Printout) {
    setBusy(printout);
    setTold(undefined);
    const { path, file } = PRINTOUTS[printout];
    const res = await api
      .GET(path, { params: { path: { id: caseId } }, parseAs: 'blob' })
      .catch(() => undefined);
    setBusy(undefined);
    if (!res?.response.ok || !res.data) {
      const status = res?.response.status;
      const text = status === 409 ? t('noPlanYet') : status === 403 ? t('forbidden') : t('error');
      setTold({ ok: false, text });
      return;
    }
    const name = `${file}-${caseId}.pdf`;
    const url = URL.createObjectURL(res.data as Blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    setTold({ ok: true, text: `${t(printout)}${t('downloaded')}` });
  }

  return (
    <Section title={t('printouts')}>
      <div className="flex flex-wrap gap-4">
        {(Object.keys(PRINTOUTS) as Printout[]).map((printout) => (
          <button
            key={printout}
            type="button"
            className={secondaryButtonClass}
            disabled={busy !== undefined}
            onClick={() => void download(printout)}
          >
            {busy === printout ? t('preparing') : t(printout)}
          </button>
        ))}
      </div>
      {told && (
        <p
          role={told.ok ? 'status' : 'alert'}
          className={`mt-3 rounded-8 border-2 p-3 ${told.ok ? 'border-success-1 text-success-2' : 'border-error-1 text-error-2'}`}
        >
          {told.text}
        </p>
      )}
    </Section>
  );
}
