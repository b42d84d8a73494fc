import { mayActOnCase, mayReadCase } from './access-policy';
import type { Actor, Role } from './actor';
import {
  handoverNotice,
  mayReassignCase,
  reassignmentRefusal,
  transferRefusal,
} from './case-assignment';

const actor = (roles: Role[], extra: Partial<Actor> = {}): Actor => ({
  id: 'u1',
  kind: 'person',
  roles,
  municipality: '142042',
  ...extra,
});
const facts = {
  municipality: '142042',
  consentGiven: false,
  supportMeetingAgencies: [],
  planAgencies: [],
};

describe('mayReassignCase', () => {
  it("lets the municipality's coordinators and managers reassign, no one else", () => {
    expect(mayReassignCase(actor(['coordinator']), facts).allowed).toBe(true);
    expect(mayReassignCase(actor(['manager']), facts).allowed).toBe(true);
    for (const role of ['agency_staff', 'auditor', 'administrator'] as const) {
      expect(mayReassignCase(actor([role], { agency: 'a' }), facts).allowed).toBe(false);
    }
    expect(mayReassignCase(actor(['coordinator'], { kind: 'service' }), facts).allowed).toBe(false);
  });

  it("answers another municipality's case as unknown", () => {
    expect(mayReassignCase(actor(['coordinator'], { municipality: '122173' }), facts)).toEqual(
      expect.objectContaining({ allowed: false, unseen: true }),
    );
  });
});

describe('reassignmentRefusal', () => {
  it('refuses the coordinator the case already has, and a case that is not open', () => {
    expect(reassignmentRefusal('c1', 'c1', 'open')).toBe('the case is already assigned to c1');
    expect(reassignmentRefusal('c1', 'c2', 'closed')).toMatch(/only an open case/);
    expect(reassignmentRefusal('c1', 'c2', 'open')).toBeUndefined();
    expect(reassignmentRefusal(null, 'c2', 'open')).toBeUndefined();
  });
});

describe('transferRefusal', () => {
  const open = { municipality: '142042', responsibleAgency: null, status: 'open' };
  it('refuses an agency no municipality registers with 400 naming the field', () => {
    expect(transferRefusal(open, 'nowhere', undefined)).toEqual({
      status: 400,
      reason: expect.stringMatching(/^agency: 'nowhere' is no agency/),
    });
  });

  it("refuses another municipality's agency with 409 stating the rule", () => {
    expect(transferRefusal(open, 'houkatsu-kashiwa', '122173')).toEqual({
      status: 409,
      reason: expect.stringContaining('never transferred out of its municipality'),
    });
  });

  it('refuses the office the case is with, and a case that is not open', () => {
    expect(transferRefusal({ ...open, responsibleAgency: 'a' }, 'a', '142042')?.status).toBe(409);
    expect(transferRefusal({ ...open, status: 'closed' }, 'a', '142042')?.status).toBe(409);
    expect(transferRefusal(open, 'a', '142042')).toBeUndefined();
  });
});

describe('the office a case is with', () => {
  const staff = (agency: string) => actor(['agency_staff'], { agency });
  it('reads it and does agency work on it, before consent too; the office it left does not', () => {
    const withB = { ...facts, responsibleAgency: 'office-b' };
    expect(mayReadCase(staff('office-b'), withB).allowed).toBe(true);
    expect(mayActOnCase(staff('office-b'), withB, 'monitoring').allowed).toBe(true);
    expect(mayReadCase(staff('office-a'), withB).allowed).toBe(false);
    expect(mayActOnCase(staff('office-b'), withB, 'plan').allowed).toBe(false);
  });
});

describe('handoverNotice', () => {
  it('addresses a reassignment to the coordinator given the case, keyed by its timeline entry', () => {
    expect(handoverNotice('assignment/k1', ['person', 'coord-2'], 5)).toEqual({
      key: 'assignment/k1',
      taskName: '担当の引継ぎ',
      notice: {
        id: 'assignment/k1',
        at: 5,
        kind: 'assigned',
        elementId: 'assigned',
        to: 'coordinator',
        person: 'coord-2',
      },
    });
  });

  it("addresses a transfer to the new office's staff only", () => {
    expect(handoverNotice('transfer/k1', ['agency', 'jiritsu-kamakura'], 5)).toMatchObject({
      taskName: '担当窓口の移管',
      notice: { kind: 'transferred', to: 'agency_staff', agencies: ['jiritsu-kamakura'] },
    });
  });
});
