import { useMemo, useState } from 'react';
import { api, Schemas } from '../api/client';
import document from '../api/openapi.json';
import { GeneratedForm } from '../forms/generated-form';
import {
  changeAddressFields,
  NOTICE_ADDRESSES_PATH,
  noticeAddressFields,
  RECIPIENT_KINDS,
  RecipientKind,
} from '../forms/notice-address-form';
import { OpenApiDocument } from '../forms/task-form';
import { useAgencies } from '../lib/agencies';
import { formatDateTime } from '../lib/format';
import { MessageKey, useI18n } from '../lib/i18n';
import { hrefOf } from '../lib/route';
import { inputClass, linkClass, Loading, PageTitle, Problem, Section } from '../lib/ui';
import { useLoad } from '../lib/use-api';

type Address = Schemas['NotificationAddressView'];
type Delivery = Schemas['DeliveryView'];
const API_DOCUMENT = document as unknown as OpenApiDocument;
const kindLabel = (kind: string) => `recipientKind_${kind}` as MessageKey;

/**
 * For managers: where notices go besides the inbox (an e-mail address or a chat webhook per
 * recipient and channel), set and changed here; the API has no removal. Below, the deliveries
 * still failing, which the worker goes on retrying.
 */
export function NoticeAddressesPage() {
  const { t, code, lang } = useI18n();
  const addresses = useLoad(() => api.GET(NOTICE_ADDRESSES_PATH), []);
  const failing = useLoad(
    () => api.GET('/v1/notifications/deliveries', { params: { query: { status: 'failing' } } }),
    [],
  );
  const [kind, setKind] = useState<RecipientKind>('agency');
  const specs = useMemo(() => noticeAddressFields(API_DOCUMENT, kind), [kind]);
  const [saved, setSaved] = useState(false);
  const agencies = useAgencies();
  const recipientName = (a: { recipientKind: string; recipient: string }) => {
    const agency = a.recipientKind === 'agency' && agencies?.find((g) => g.code === a.recipient);
    return agency ? `${agency.name}（${agency.code}）` : code(a.recipient);
  };
  const done = () => {
    setSaved(true);
    addresses.reload();
  };

  return (
    <>
      <PageTitle>{t('addresses')}</PageTitle>
      <p className="mb-6">{t('addressesLead')}</p>
      {saved && (
        <p role="status" className="mb-4 rounded-8 border-2 border-success-1 p-3 text-success-2">
          {t('saved')}
        </p>
      )}
      <Section title={t('addressList')}>
        {addresses.loading && !addresses.data ? (
          <Loading />
        ) : !addresses.data ? (
          <Problem status={addresses.status} />
        ) : addresses.data.length === 0 ? (
          <p>{t('none')}</p>
        ) : (
          <AddressTable rows={addresses.data} recipientName={recipientName} onDone={done} />
        )}
      </Section>
      <Section title={t('setAddress')}>
        <div className="mb-4">
          <label htmlFor="address-recipientKind" className="block text-std-16B-170">
            {t('recipientKind')}
          </label>
          <select
            id="address-recipientKind"
            className={inputClass}
            value={kind}
            onChange={(e) => setKind(e.target.value as RecipientKind)}
          >
            {RECIPIENT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(kindLabel(k))}
              </option>
            ))}
          </select>
        </div>
        <GeneratedForm
          key={kind}
          formId="address"
          specs={specs}
          fixed={{ recipientKind: kind }}
          labels="noticeAddress."
          submitLabel={t('setAddress')}
          send={(body) => api.PUT(NOTICE_ADDRESSES_PATH, { body: body as never })}
          onSent={done}
        />
      </Section>
      <Section title={t('failingDeliveries')}>
        {failing.loading && !failing.data ? (
          <Loading />
        ) : !failing.data ? (
          <Problem status={failing.status} />
        ) : failing.data.length === 0 ? (
          <p>{t('none')}</p>
        ) : (
          <DeliveryTable rows={failing.data} recipientName={recipientName} lang={lang} />
        )}
      </Section>
    </>
  );
}

function AddressTable({
  rows,
  recipientName,
  onDone,
}: {
  rows: Address[];
  recipientName: (a: Address) => string;
  onDone: () => void;
}) {
  const { t, code, lang } = useI18n();
  return (
    <>
      <table className="mb-4 w-full border-collapse text-left">
        <thead>
          <tr className="border-b-2 border-solid-gray-600">
            {[t('recipientKind'), code('noticeAddress.recipient'), code('channel')].map((h) => (
              <th key={h} scope="col" className="py-2 pr-4">
                {h}
              </th>
            ))}
            <th scope="col" className="py-2 pr-4">
              {code('noticeAddress.address')}
            </th>
            <th scope="col" className="py-2 pr-4">
              {t('updated')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr
              key={`${a.recipientKind}/${a.recipient}/${a.channel}`}
              className="border-b border-solid-gray-200 align-top"
            >
              <td className="py-2 pr-4">{t(kindLabel(a.recipientKind))}</td>
              <td className="py-2 pr-4">{recipientName(a)}</td>
              <td className="py-2 pr-4">{code(a.channel)}</td>
              <td className="py-2 pr-4 break-all">{a.address}</td>
              <td className="py-2 pr-4">
                {formatDateTime(a.updatedAt, lang)}（{a.updatedBy}）
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.map((a, i) => {
        const key = { recipientKind: a.recipientKind, recipient: a.recipient, channel: a.channel };
        return (
          <details
            key={JSON.stringify(key)}
            className="mb-3 rounded-8 border border-solid-gray-300 p-4"
          >
            <summary className="cursor-pointer text-std-16B-170">
              {t('changeAddress').replace('{who}', `${recipientName(a)}・${code(a.channel)}`)}
            </summary>
            <div className="mt-3">
              <GeneratedForm
                // Started afresh from the address as stored once it changes.
                key={a.address}
                formId={`address-${i}-change`}
                specs={changeAddressFields(API_DOCUMENT, key)}
                fixed={key}
                labels="noticeAddress."
                initial={{ address: a.address }}
                submitLabel={t('setAddress')}
                send={(body) => api.PUT(NOTICE_ADDRESSES_PATH, { body: body as never })}
                onSent={onDone}
              />
            </div>
          </details>
        );
      })}
    </>
  );
}

function DeliveryTable({
  rows,
  recipientName,
  lang,
}: {
  rows: Delivery[];
  recipientName: (d: Delivery) => string;
  lang: 'ja' | 'en';
}) {
  const { t, code } = useI18n();
  return (
    <table className="w-full border-collapse text-left">
      <thead>
        <tr className="border-b-2 border-solid-gray-600">
          {[
            t('inbox'),
            t('case'),
            code('noticeAddress.recipient'),
            code('channel'),
            t('attempts'),
            t('lastError'),
          ].map((h) => (
            <th key={h} scope="col" className="py-2 pr-4">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((d) => (
          <tr key={d.id} className="border-b border-solid-gray-200 align-top">
            <td className="py-2 pr-4">{code(d.kind)}</td>
            <td className="py-2 pr-4">
              <a className={linkClass} href={hrefOf({ page: 'case', id: d.caseId })}>
                {d.caseId.slice(0, 8)}
              </a>
            </td>
            <td className="py-2 pr-4">{recipientName(d)}</td>
            <td className="py-2 pr-4">{code(d.channel)}</td>
            <td className="py-2 pr-4">{d.attempts}</td>
            <td className="py-2 pr-4 break-all">
              {d.lastError ?? '—'}
              {d.lastAttemptAt && (
                <span className="block">{formatDateTime(d.lastAttemptAt, lang)}</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
