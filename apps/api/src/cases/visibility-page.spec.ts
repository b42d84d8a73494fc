import type { WorkflowClient, WorkflowExecutionInfo } from '@temporalio/client';
import { visibilityPages } from './visibility-page';

describe('visibilityPages', () => {
  it('asks the server for pages as large as the listing, not its default of 1,000 rows', async () => {
    const asked: unknown[] = [];
    const workflow = {
      list: (options: unknown) => {
        asked.push(options);
        return (async function* () {
          yield { workflowId: 'case-1' } as WorkflowExecutionInfo;
        })();
      },
    } as unknown as Pick<WorkflowClient, 'list'>;
    const found: string[] = [];
    for await (const wf of visibilityPages(workflow, "Municipality = '142042'", 100))
      found.push(wf.workflowId);
    expect(asked).toEqual([{ query: "Municipality = '142042'", pageSize: 100 }]);
    expect(found).toEqual(['case-1']);
  });
});
