import {
  CaseAccessFacts,
  mayActOnCase,
  mayListTasks,
  mayManageNotificationChannels,
  mayReadAudit,
  mayReadCase,
  mayReadStatistics,
  mayReferCase,
  mayReferInto,
  mayUsePayloadCodec,
  UNKNOWN_CASE,
} from './access-policy';
import { Actor, Role } from './actor';

const actor = (roles: Role[], extra: Partial<Actor> = {}): Actor => ({
  id: 'u1',
  kind: 'person',
  roles,
  municipality: '142042',
  ...extra,
});

const beforeConsent: CaseAccessFacts = {
  municipality: '142042',
  consentGiven: false,
  supportMeetingAgencies: ['houkatsu-fukasawa'],
  planAgencies: [],
};
const withConsent: CaseAccessFacts = {
  ...beforeConsent,
  consentGiven: true,
  planAgencies: ['kikan-soudan'],
};

describe('mayReadCase', () => {
  it('lets coordinators and managers read every case of their own municipality only', () => {
    for (const role of ['coordinator', 'manager'] as const) {
      expect(mayReadCase(actor([role]), beforeConsent).allowed).toBe(true);
      expect(mayReadCase(actor([role], { municipality: '122173' }), beforeConsent).allowed).toBe(
        false,
      );
    }
  });

  it('before consent, shows a case only to agencies in its support meeting', () => {
    const member = actor(['agency_staff'], { agency: 'houkatsu-fukasawa' });
    const planned = actor(['agency_staff'], { agency: 'kikan-soudan' });
    expect(mayReadCase(member, beforeConsent).allowed).toBe(true);
    expect(mayReadCase(planned, { ...beforeConsent, planAgencies: ['kikan-soudan'] })).toEqual({
      allowed: false,
      reason: 'no consent yet',
    });
  });

  it('after consent, also shows it to agencies the plan gives a role, and to no other', () => {
    expect(
      mayReadCase(actor(['agency_staff'], { agency: 'kikan-soudan' }), withConsent).allowed,
    ).toBe(true);
    expect(mayReadCase(actor(['agency_staff'], { agency: 'other' }), withConsent).allowed).toBe(
      false,
    );
    expect(mayReadCase(actor(['agency_staff']), withConsent).allowed).toBe(false);
  });

  it('shows a case to an agency its meetings invited, by the stored invitations, in its municipality only', () => {
    const invited = { ...beforeConsent, meetingAgencies: ['kikan-soudan'] };
    const staff = (agency: string, municipality = '142042') =>
      actor(['agency_staff'], { agency, municipality });
    expect(mayReadCase(staff('kikan-soudan'), invited)).toMatchObject({
      allowed: true,
      reason: 'agency invited to a meeting of the case',
    });
    expect(mayReadCase(staff('kikan-soudan'), beforeConsent).allowed).toBe(false);
    expect(mayReadCase(staff('jiritsu'), invited).allowed).toBe(false);
    expect(mayReadCase(staff('kikan-soudan', '122173'), invited)).toMatchObject({ unseen: true });
  });

  it('never shows case content to auditors or administrators', () => {
    expect(mayReadCase(actor(['auditor']), withConsent).allowed).toBe(false);
    expect(mayReadCase(actor(['administrator']), withConsent).allowed).toBe(false);
  });
});

describe('mayReferCase', () => {
  it('lets only coordinators refer, and only for their municipality', () => {
    expect(mayReferCase(actor(['coordinator']), '142042').allowed).toBe(true);
    expect(mayReferCase(actor(['coordinator']), '122173').allowed).toBe(false);
    expect(mayReferCase(actor(['manager']), '142042').allowed).toBe(false);
    expect(mayReferCase(actor(['agency_staff'], { agency: 'x' }), '142042').allowed).toBe(false);
  });
});

describe('another municipality’s case', () => {
  it('is refused as if it did not exist, for reading and for every action', () => {
    const outsider = actor(['coordinator'], { municipality: '122173' });
    expect(mayReadCase(outsider, withConsent)).toEqual({
      ...UNKNOWN_CASE,
      reason: expect.any(String),
    });
    expect(mayActOnCase(outsider, withConsent, 'plan').unseen).toBe(true);
    // Within the municipality a refusal may say that it is one (403): the case is theirs.
    expect(mayReadCase(actor(['auditor']), withConsent).unseen).toBeUndefined();
  });
});

describe('mayReferInto', () => {
  const open = { municipality: '142042', status: 'open' };
  it('lets a coordinator retry the referral of an open case of their municipality', () => {
    expect(mayReferInto(actor(['coordinator']), open).allowed).toBe(true);
  });

  it('refuses the same way an id held by another municipality or by a case no longer open', () => {
    const elsewhere = mayReferInto(actor(['coordinator'], { municipality: '122173' }), open);
    const closed = mayReferInto(actor(['coordinator']), { ...open, status: 'closed' });
    for (const d of [elsewhere, closed]) expect(d).toMatchObject({ allowed: false, taken: true });
    expect(mayReferInto(actor(['manager']), open)).toMatchObject({ allowed: false });
    expect(mayReferInto(actor(['manager']), open).taken).toBeUndefined();
  });
});

describe('audit log and payload codec', () => {
  it('are for auditors and managers respectively', () => {
    expect(mayReadAudit(actor(['auditor'])).allowed).toBe(true);
    expect(mayReadAudit(actor(['manager'])).allowed).toBe(false);
    expect(mayUsePayloadCodec(actor(['manager'])).allowed).toBe(true);
    expect(mayUsePayloadCodec(actor(['coordinator'])).allowed).toBe(false);
    expect(mayUsePayloadCodec(actor(['auditor'])).allowed).toBe(false);
  });
});

describe('mayActOnCase', () => {
  const facts = {
    municipality: '142042',
    consentGiven: true,
    supportMeetingAgencies: ['houkatsu-kamakura'],
    planAgencies: ['jiritsu-kamakura'],
  };
  const staff = (agency: string) => actor(['agency_staff'], { agency });

  it('lets coordinators take every step and agency staff do the support work on their cases', () => {
    expect(mayActOnCase(actor(['coordinator']), facts, 'plan').allowed).toBe(true);
    expect(mayActOnCase(staff('jiritsu-kamakura'), facts, 'monitoring').allowed).toBe(true);
    expect(mayActOnCase(staff('jiritsu-kamakura'), facts, 'plan').allowed).toBe(false);
    expect(mayActOnCase(staff('kikan-soudan'), facts, 'contact').allowed).toBe(false);
    expect(mayActOnCase(actor(['manager']), facts, 'termination').allowed).toBe(false);
    expect(
      mayActOnCase({ ...actor(['coordinator']), municipality: '122173' }, facts, 'consent').allowed,
    ).toBe(false);
  });
});

describe('mayReadStatistics', () => {
  it('lets managers and coordinators read their municipality’s statistics, and no other role', () => {
    expect(mayReadStatistics(actor(['manager'])).allowed).toBe(true);
    expect(mayReadStatistics(actor(['coordinator'])).allowed).toBe(true);
    expect(mayReadStatistics(actor(['agency_staff'], { agency: 'kikan-soudan' })).allowed).toBe(
      false,
    );
    expect(mayReadStatistics(actor(['auditor'])).allowed).toBe(false);
    expect(mayReadStatistics(actor(['administrator'])).allowed).toBe(false);
  });
});

describe('mayManageNotificationChannels', () => {
  it('lets managers and administrators set addresses and see deliveries, and no other role', () => {
    expect(mayManageNotificationChannels(actor(['manager'])).allowed).toBe(true);
    expect(mayManageNotificationChannels(actor(['administrator'])).allowed).toBe(true);
    expect(mayManageNotificationChannels(actor(['coordinator'])).allowed).toBe(false);
    expect(mayManageNotificationChannels(actor(['auditor'])).allowed).toBe(false);
  });
});

describe('mayListTasks', () => {
  it('lets those who work on or oversee cases list tasks, and not auditors or administrators', () => {
    expect(mayListTasks(actor(['coordinator'])).allowed).toBe(true);
    expect(mayListTasks(actor(['manager'])).allowed).toBe(true);
    expect(mayListTasks(actor(['agency_staff'], { agency: 'kikan-soudan' })).allowed).toBe(true);
    expect(mayListTasks(actor(['auditor'])).allowed).toBe(false);
    expect(mayListTasks(actor(['administrator'])).allowed).toBe(false);
  });
});
