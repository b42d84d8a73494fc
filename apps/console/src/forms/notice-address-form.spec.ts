import document from '../api/openapi.json';
import { changeAddressFields, noticeAddressFields } from './notice-address-form';
import { buildBody, OpenApiDocument, placeRefusal } from './task-form';

const api = document as unknown as OpenApiDocument;

describe('the notice address form', () => {
  it('has an agency chosen from the register, the channel as a choice and the address typed', () => {
    const fields = noticeAddressFields(api, 'agency');
    expect(fields.map((f) => [f.name, f.kind, f.required])).toEqual([
      ['recipient', 'agency', true],
      ['channel', 'enum', true],
      ['address', 'text', true],
    ]);
    expect(fields[1].options).toEqual(['email', 'webhook']);
    const built = buildBody(
      fields,
      { recipient: 'houkatsu-kamakura', channel: 'email', address: ' soudan@example.jp ' },
      { recipientKind: 'agency' },
    );
    expect(built).toEqual({
      ok: true,
      body: {
        recipientKind: 'agency',
        recipient: 'houkatsu-kamakura',
        channel: 'email',
        address: 'soudan@example.jp',
      },
    });
  });

  it('puts the API’s refusal of the address next to the address, though it names the channel', () => {
    const refusal = 'address must be an e-mail address for the email channel';
    expect(placeRefusal(noticeAddressFields(api, 'agency'), [refusal]).byField).toEqual({
      address: refusal,
    });
  });

  it('offers a role from the roles and takes a person by staff id', () => {
    const role = noticeAddressFields(api, 'role').find((f) => f.name === 'recipient');
    expect(role).toMatchObject({ kind: 'enum' });
    expect(role?.options).toContain('manager');
    expect(noticeAddressFields(api, 'person').find((f) => f.name === 'recipient')?.kind).toBe(
      'text',
    );
  });

  it('changes a listed address by its address alone, and shows the API’s refusal next to it', () => {
    const key = { recipientKind: 'agency', recipient: 'houkatsu-kamakura', channel: 'email' };
    const fields = changeAddressFields(api, key);
    expect(fields.map((f) => f.name)).toEqual(['address']);
    const refusal = 'address must be an e-mail address for the email channel';
    expect(placeRefusal(fields, [refusal]).byField).toEqual({ address: refusal });
  });
});
