import { randomBytes, randomUUID } from 'node:crypto';
import { defaultPayloadConverter, Payload, SerializationContext } from '@temporalio/common';
import { caseWorkflowId } from '@sss/domain';
import { MunicipalityPayloadCodec, WorkerPayloadCodec } from './case-payload-codecs';
import { PayloadCipher } from './payload-cipher';
import { parsePayloadKeys } from './payload-keys';

const KAMAKURA = '142042';
const KASHIWA = '122173';
const key = () => randomBytes(32).toString('base64');
const keys = { kamakura1: `${KAMAKURA}:k1:${key()}`, kashiwa: `${KASHIWA}:k1:${key()}` };
const cipher = new PayloadCipher(parsePayloadKeys(`${keys.kamakura1},${keys.kashiwa}`));
const personal = { householdName: '鎌倉 太郎', summary: '認知症の父' };
const caseId = randomUUID();
const inCase = (id: string, child = ''): SerializationContext => ({
  type: 'workflow',
  namespace: 'default',
  workflowId: `${caseWorkflowId(id)}${child}`,
});
const value = (p: Payload) => defaultPayloadConverter.fromPayload(p);
const plain = defaultPayloadConverter.toPayload(personal);
const meta = (p: Payload, k: string) => Buffer.from(p.metadata?.[k] ?? []).toString();

describe('parsePayloadKeys', () => {
  it('keeps one ring per municipality, its first key encrypting', () => {
    const rings = parsePayloadKeys(`${KAMAKURA}:k2:${key()},${keys.kamakura1},${keys.kashiwa}`);
    expect(rings.get(KAMAKURA)?.current.id).toBe('k2');
    expect([...(rings.get(KAMAKURA)?.byId.keys() ?? [])]).toEqual(['k2', 'k1']);
    expect(rings.get(KASHIWA)?.current.id).toBe('k1');
  });

  it('refuses a key listed twice for a municipality, or one of the wrong length', () => {
    expect(() => parsePayloadKeys(`${keys.kamakura1},${keys.kamakura1}`)).toThrow('listed twice');
    expect(() => parsePayloadKeys(`${KAMAKURA}:k1:c2hvcnQ=`)).toThrow('not 32 bytes');
  });
});

describe("the API's codec (one per municipality)", () => {
  const kamakura = new MunicipalityPayloadCodec(cipher, KAMAKURA);

  it('seals for the case of the workflow, leaving no personal string readable', async () => {
    const [sealed] = await kamakura.encode([plain], inCase(caseId));
    const raw = Buffer.from(sealed.data ?? []).toString('utf8');
    expect(raw).not.toContain('鎌倉');
    expect(raw).not.toContain('householdName');
    expect(meta(sealed, 'municipality')).toBe(KAMAKURA);
    expect(meta(sealed, 'case-id')).toBe(caseId);
    const [opened] = await kamakura.decode([sealed], inCase(caseId));
    expect(value(opened)).toEqual(personal);
  });

  it("does not read another municipality's payloads, even of the same case id", async () => {
    const [sealed] = await kamakura.encode([plain], inCase(caseId));
    const kashiwa = new MunicipalityPayloadCodec(cipher, KASHIWA);
    await expect(kashiwa.decode([sealed], inCase(caseId))).rejects.toThrow('another municipality');
  });

  it('seals nothing for a workflow that is not a case', async () => {
    await expect(
      kamakura.encode([plain], { type: 'workflow', namespace: 'default', workflowId: 'x' }),
    ).rejects.toThrow('only sent to case workflows');
  });

  it('still reads payloads of an older key after a new key is put first', async () => {
    const [old] = await kamakura.encode([plain], inCase(caseId));
    const rotated = new PayloadCipher(
      parsePayloadKeys(`${KAMAKURA}:k2:${key()},${keys.kamakura1}`),
    );
    const codec = new MunicipalityPayloadCodec(rotated, KAMAKURA);
    expect(value((await codec.decode([old], inCase(caseId)))[0])).toEqual(personal);
    const [fresh] = await codec.encode([plain], inCase(caseId));
    expect(meta(fresh, 'encryption-key-id')).toBe('k2');
  });
});

describe("the worker's codec", () => {
  const api = new MunicipalityPayloadCodec(cipher, KAMAKURA);
  const refusal = async (worker: WorkerPayloadCodec, p: Payload, context = inCase(caseId)) =>
    value((await worker.decode([p], context))[0]) as { refusedPayload?: string };

  it("admits the API's payloads for the case and seals its own for the case's municipality", async () => {
    const worker = new WorkerPayloadCodec(cipher);
    const [input] = await api.encode([plain], inCase(caseId));
    expect(value((await worker.decode([input], inCase(caseId)))[0])).toEqual(personal);
    // A meeting the case runs is a child workflow of the same case.
    const [output] = await worker.encode([plain], inCase(caseId, '/w5'));
    expect(meta(output, 'municipality')).toBe(KAMAKURA);
    expect(meta(output, 'payload-origin')).toBe('worker');
  });

  it('refuses a plain payload, as one sent with the Temporal CLI, and says so', async () => {
    const told: [string, string?][] = [];
    const worker = new WorkerPayloadCodec(cipher, (...r) => told.push(r));
    expect(
      await refusal(worker, defaultPayloadConverter.toPayload({ by: 'forged-nobody' })),
    ).toEqual({
      refusedPayload: 'payload is not encrypted',
    });
    expect(told).toEqual([['payload is not encrypted', caseWorkflowId(caseId)]]);
  });

  it('refuses a payload sealed for another case', async () => {
    const worker = new WorkerPayloadCodec(cipher);
    const [other] = await api.encode([plain], inCase(randomUUID()));
    expect((await refusal(worker, other)).refusedPayload).toBe(
      'payload was sealed for another case',
    );
  });

  it('refuses a payload whose label was rewritten to name this case', async () => {
    const worker = new WorkerPayloadCodec(cipher);
    const [other] = await api.encode([plain], inCase(randomUUID()));
    const moved = { ...other, metadata: { ...other.metadata, 'case-id': Buffer.from(caseId) } };
    expect((await refusal(worker, moved)).refusedPayload).toContain('failed authentication');
  });

  it('refuses what the codec server sealed for the Web UI', async () => {
    const worker = new WorkerPayloadCodec(cipher);
    const fromUi = cipher.seal(plain, { municipality: KAMAKURA, caseId, origin: 'codec-server' });
    expect((await refusal(worker, fromUi)).refusedPayload).toBe(
      'payload was not sent through the API',
    );
  });

  it("refuses another municipality's payload in a case it knows", async () => {
    const worker = new WorkerPayloadCodec(cipher);
    await worker.decode(await api.encode([plain], inCase(caseId)), inCase(caseId));
    const kashiwa = new MunicipalityPayloadCodec(cipher, KASHIWA);
    const [foreign] = await kashiwa.encode([plain], inCase(caseId));
    expect((await refusal(worker, foreign)).refusedPayload).toBe(
      'payload was sealed for another municipality',
    );
  });

  it('seals nothing for a case whose input it has not read', async () => {
    const worker = new WorkerPayloadCodec(cipher);
    await expect(worker.encode([plain], inCase(randomUUID()))).rejects.toThrow('unknown case');
    expect(await worker.encode([], inCase(randomUUID()))).toEqual([]);
  });
});
