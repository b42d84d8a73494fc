import type { Actor } from './actor';
import {
  mayEditHousehold,
  mayListAgencies,
  mayPrintCase,
  mayReadNotes,
  mayWriteNote,
} from './record-access';

const facts = {
  municipality: '142042',
  consentGiven: false,
  supportMeetingAgencies: ['houkatsu-kamakura'],
  planAgencies: [],
};
const actor = (roles: Actor['roles'], extra: Partial<Actor> = {}): Actor => ({
  id: 'a',
  kind: 'person',
  roles,
  municipality: '142042',
  ...extra,
});
const member = actor(['agency_staff'], { agency: 'houkatsu-kamakura' });
const outsider = actor(['agency_staff'], { agency: 'kikan-soudan' });

describe('access to notes, printouts and the household', () => {
  it('lets the support meeting’s agency staff and coordinators write notes, managers only read them', () => {
    expect(mayWriteNote(actor(['coordinator']), facts).allowed).toBe(true);
    expect(mayWriteNote(member, facts).allowed).toBe(true);
    expect(mayWriteNote(actor(['manager']), facts).allowed).toBe(false);
    expect(mayReadNotes(actor(['manager']), facts).allowed).toBe(true);
    expect(mayWriteNote(outsider, facts).allowed).toBe(false);
    expect(mayReadNotes(actor(['auditor']), facts).allowed).toBe(false);
  });

  it('keeps printing and the household to coordinators', () => {
    for (const rule of [mayPrintCase, mayEditHousehold]) {
      expect(rule(actor(['coordinator']), facts).allowed).toBe(true);
      expect(rule(member, facts).allowed).toBe(false);
      expect(rule(actor(['manager']), facts).allowed).toBe(false);
    }
  });

  it('refuses another municipality as an unknown case, whatever the rule', () => {
    const kashiwa = actor(['coordinator'], { municipality: '122173' });
    for (const rule of [mayWriteNote, mayReadNotes, mayPrintCase, mayEditHousehold]) {
      expect(rule(kashiwa, facts)).toMatchObject({ allowed: false, unseen: true });
    }
  });

  it('lets anyone with a role read their municipality’s agency register', () => {
    expect(mayListAgencies(actor(['auditor'])).allowed).toBe(true);
    expect(mayListAgencies(actor([])).allowed).toBe(false);
  });
});
