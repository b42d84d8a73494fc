import { useMemo } from 'react';
import { api, CaseView } from '../api/client';
import document from '../api/openapi.json';
import type { CaseAction } from '../../../../libs/domain/src/case/case-actions';
import { GeneratedForm } from '../forms/generated-form';
import { ACTION_ENDPOINTS } from '../forms/task-actions';
import { formFields, OpenApiDocument } from '../forms/task-form';
import { useI18n } from '../lib/i18n';

const API_DOCUMENT = document as unknown as OpenApiDocument;
type Post = (
  path: string,
  init: { params: { path: { id: string } }; body?: unknown },
) => Promise<{ data?: CaseView; error?: unknown; response: Response }>;

/** One action's form, generated from its body schema in the API document. */
export function ActionForm({
  caseId,
  action,
  onDone,
}: {
  caseId: string;
  action: CaseAction;
  onDone: (view: CaseView | undefined, pending: boolean) => void;
}) {
  const { code } = useI18n();
  const endpoint = ACTION_ENDPOINTS[action];
  const specs = useMemo(() => formFields(API_DOCUMENT, endpoint.path, endpoint.fixed), [endpoint]);
  return (
    <GeneratedForm
      formId={`form-${action.replace('.', '-')}`}
      specs={specs}
      fixed={endpoint.fixed}
      submitLabel={code(`action.${action}`)}
      send={(body) =>
        (api.POST as unknown as Post)(endpoint.path, {
          params: { path: { id: caseId } },
          ...(body ? { body } : {}),
        })
      }
      onSent={(sent) => {
        const res = sent as Awaited<ReturnType<Post>>;
        onDone(res.data, res.response.status === 202);
      }}
    />
  );
}
