import { useMemo } from 'react';
import { api, Schemas } from '../api/client';
import document from '../api/openapi.json';
import { GeneratedForm } from '../forms/generated-form';
import { formFields, FormValues, OpenApiDocument } from '../forms/task-form';
import { formatDate } from '../lib/format';
import { useI18n } from '../lib/i18n';
import { Section } from '../lib/ui';

type Member = Schemas['HouseholdMemberView'];
const API_DOCUMENT = document as unknown as OpenApiDocument;
const PATHS = {
  add: '/v1/cases/{id}/members',
  change: '/v1/cases/{id}/members/{memberId}',
  end: '/v1/cases/{id}/members/{memberId}/end',
} as const;

/** A member's current values as the change form's starting point (what the API would keep). */
function valuesOf(m: Member): FormValues {
  return {
    name: m.name,
    relation: m.relation,
    age: m.age == null ? '' : String(m.age),
    isPerson: String(m.isPerson),
    from: m.from ?? '',
    to: m.to ?? '',
  };
}

/**
 * The household's members over time: each with the period they belonged (an ended member stays,
 * with its `to` date); coordinators add, change and end them.
 */
export function CaseMembers({
  caseId,
  members,
  mayEdit,
  onDone,
}: {
  caseId: string;
  members: Member[];
  mayEdit: boolean;
  onDone: () => void;
}) {
  const { t, code, lang } = useI18n();
  const specs = useMemo(
    () => ({
      add: formFields(API_DOCUMENT, PATHS.add),
      change: formFields(API_DOCUMENT, PATHS.change, {}, 'patch'),
      end: formFields(API_DOCUMENT, PATHS.end),
    }),
    [],
  );
  const member = (memberId: string) => ({
    path: { id: caseId, memberId },
  });

  return (
    <Section title={t('members')}>
      {members.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <table className="mb-4 w-full border-collapse text-left">
          <thead>
            <tr className="border-b-2 border-solid-gray-600">
              {(['name', 'relation', 'age', 'isPerson'] as const).map((k) => (
                <th key={k} scope="col" className="py-2 pr-4">
                  {code(k)}
                </th>
              ))}
              <th scope="col" className="py-2 pr-4">
                {t('since')}
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr
                key={m.id}
                className={`border-b border-solid-gray-200 align-top ${m.to ? 'text-solid-gray-700' : ''}`}
              >
                <td className="py-2 pr-4">{m.name}</td>
                <td className="py-2 pr-4">{code(m.relation)}</td>
                <td className="py-2 pr-4">{m.age ?? '—'}</td>
                <td className="py-2 pr-4">{m.isPerson ? t('yes') : t('no')}</td>
                <td className="py-2 pr-4">
                  {m.from ? formatDate(m.from, lang) : '…'} 〜 {m.to ? formatDate(m.to, lang) : ''}
                  {m.to && <span className="ml-2">（{t('memberEnded')}）</span>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {mayEdit &&
        members.map((m) => (
          <details key={m.id} className="mb-3 rounded-8 border border-solid-gray-300 p-4">
            <summary className="cursor-pointer text-std-16B-170">
              {t('changeWho').replace('{who}', `${m.name}（${code(m.relation)}）`)}
            </summary>
            <div className="mt-3 space-y-6">
              <GeneratedForm
                // Started afresh from the member as stored once it changes.
                key={JSON.stringify(m)}
                formId={`form-member-${m.id}-change`}
                specs={specs.change}
                labels="member."
                initial={valuesOf(m)}
                submitLabel={t('changeMember')}
                send={(body) =>
                  api.PATCH(PATHS.change, { params: member(m.id), body: body as never })
                }
                onSent={onDone}
              />
              {!m.to && (
                <GeneratedForm
                  formId={`form-member-${m.id}-end`}
                  specs={specs.end}
                  labels="member."
                  submitLabel={t('endMember')}
                  send={(body) =>
                    api.POST(PATHS.end, { params: member(m.id), body: body as never })
                  }
                  onSent={onDone}
                />
              )}
            </div>
          </details>
        ))}
      {mayEdit && (
        <details className="rounded-8 border border-solid-gray-300 p-4">
          <summary className="cursor-pointer text-std-16B-170">{t('addMember')}</summary>
          <div className="mt-3">
            <GeneratedForm
              formId="form-member-add"
              specs={specs.add}
              labels="member."
              submitLabel={t('addMember')}
              send={(body) =>
                api.POST(PATHS.add, { params: { path: { id: caseId } }, body: body as never })
              }
              onSent={onDone}
            />
          </div>
        </details>
      )}
    </Section>
  );
}
