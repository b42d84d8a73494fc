import { ROLES } from '../../../../libs/domain/src/access/actor';
import { FieldSpec, formFields, OpenApiDocument } from './task-form';

/** Where managers set a recipient's address on a channel (one per recipient and channel). */
export const NOTICE_ADDRESSES_PATH = '/v1/notifications/addresses';

export type RecipientKind = 'person' | 'agency' | 'role';
export const RECIPIENT_KINDS: readonly RecipientKind[] = ['agency', 'person', 'role'];

/**
 * The address form for one kind of recipient, generated from the PUT body: an agency is chosen
 * from the register and a role from the roles, as the API takes nothing else; a person is the
 * staff id typed.
 */
export function noticeAddressFields(document: OpenApiDocument, kind: RecipientKind): FieldSpec[] {
  return formFields(document, NOTICE_ADDRESSES_PATH, { recipientKind: kind }, 'put').map((f) => {
    if (f.name !== 'recipient' || kind === 'person') return f;
    return kind === 'agency'
      ? { ...f, kind: 'agency' }
      : { ...f, kind: 'enum', options: [...ROLES] };
  });
}

/** The form that changes a listed address: its recipient and channel stay, as the key. */
export function changeAddressFields(document: OpenApiDocument, key: Record<string, string>) {
  return formFields(document, NOTICE_ADDRESSES_PATH, key, 'put');
}
