import { caseIdOfWorkflow, caseWorkflowId } from './case-id';

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

describe('caseIdOfWorkflow', () => {
  const id = '0b9c6a52-8d5e-4b3a-9a43-5f2a3c1d7e10';
  it('finds the case of a case workflow and of the meetings it runs', () => {
    expect(caseIdOfWorkflow(caseWorkflowId(id))).toBe(id);
    expect(caseIdOfWorkflow(`${caseWorkflowId(id)}/w12/w3`)).toBe(id);
  });
  it('finds none for other workflows', () => {
    expect(caseIdOfWorkflow('process-1')).toBeUndefined();
    expect(caseIdOfWorkflow(`${caseWorkflowId(id)}x`)).toBeUndefined();
  });
});
