import { releasedDefinitions } from './index';

describe('released definitions', () => {
  it('are all valid against the known roles and worker activities', () => {
    expect(() => releasedDefinitions()).not.toThrow();
  });

  it('include the reusable meeting sub-process', () => {
    expect(releasedDefinitions().versions('meeting')).toEqual([1]);
  });
});
