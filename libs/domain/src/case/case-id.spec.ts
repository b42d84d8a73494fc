import { caseWorkflowId } from './case-id';

describe('caseWorkflowId', () => {
  it('derives the same workflow id from the same case id, so a case cannot be started twice', () => {
    const id = '0b9c6a52-8d5e-4b3a-9a43-5f2a3c1d7e10';
    expect(caseWorkflowId(id)).toBe(caseWorkflowId(id));
    expect(caseWorkflowId(id)).toBe('case-0b9c6a52-8d5e-4b3a-9a43-5f2a3c1d7e10');
  });

  it('gives different cases different workflow ids', () => {
    expect(caseWorkflowId('0b9c6a52-8d5e-4b3a-9a43-5f2a3c1d7e10')).not.toBe(
      caseWorkflowId('1b9c6a52-8d5e-4b3a-9a43-5f2a3c1d7e10'),
    );
  });
});
