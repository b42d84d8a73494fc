import { hrefOf, parseRoute } from './route';

const ID = '0b7e6f1c-2d3a-4c5b-8e9f-112233445566';

describe('console routes', () => {
  it("names a case's diagram by the case id only, and reads it back", () => {
    expect(hrefOf({ page: 'diagram', id: ID })).toBe(`#/cases/${ID}/diagram`);
    expect(parseRoute(`#/cases/${ID}/diagram`)).toEqual({ page: 'diagram', id: ID });
    expect(parseRoute(`#/cases/${ID}`)).toEqual({ page: 'case', id: ID });
  });

  it('reads back every page named by its name alone', () => {
    for (const page of ['refer', 'inbox', 'stuck', 'statistics', 'addresses'] as const) {
      expect(parseRoute(hrefOf({ page }))).toEqual({ page });
    }
  });

  it('sends an address that is not a case id to the case list', () => {
    expect(parseRoute('#/cases/not-an-id/diagram')).toEqual({ page: 'cases' });
  });
});
