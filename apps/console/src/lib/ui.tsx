import { ReactNode, useId } from 'react';
import { useI18n } from './i18n';

/** Small shared pieces in the design system's look: headings, buttons, notes. */
export const buttonClass =
  'inline-flex items-center rounded-8 border-2 border-blue-900 bg-blue-900 px-4 py-2 text-white hover:bg-blue-1000 disabled:opacity-50';
export const secondaryButtonClass =
  'inline-flex items-center rounded-8 border-2 border-blue-900 bg-white px-4 py-2 text-blue-900 hover:bg-blue-50';
export const inputClass =
  'rounded-8 border border-solid-gray-600 px-3 py-2 text-solid-gray-900 bg-white';
export const linkClass = 'text-blue-1000 underline hover:text-blue-1200';

export function PageTitle({ children }: { children: ReactNode }) {
  return <h1 className="mb-6 text-std-32B-150 text-solid-gray-900">{children}</h1>;
}

export function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="mb-8">
      <h2 id={id} className="mb-3 text-std-24B-150 text-solid-gray-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p role="status" className="text-solid-gray-700">
      {t('loading')}
    </p>
  );
}

export function Problem({ status }: { status?: number }) {
  const { t } = useI18n();
  const text = status === 404 ? t('notFound') : status === 403 ? t('forbidden') : t('error');
  return (
    <p role="alert" className="rounded-8 border-2 border-error-1 p-3 text-error-2">
      {text}
    </p>
  );
}
