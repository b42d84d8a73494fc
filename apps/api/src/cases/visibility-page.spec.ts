import type { Client, WorkflowClient, WorkflowExecutionInfo } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { CaseStageAttribute } from '@sss/workflows/client';
import { visibilityPage, visibilityPages } from './visibility-page';

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

describe('visibilityPage', () => {
  it('gives each run its status and the attributes the listing shows, and decodes no others', async () => {
    const attribute = (type: string, value: unknown) => ({
      metadata: { encoding: Buffer.from('json/plain'), type: Buffer.from(type) },
      data: Buffer.from(JSON.stringify(value)),
    });
    // As gRPC hands it over: decoded from the wire, its unset fields its prototype's defaults.
    const { ListWorkflowExecutionsResponse } = temporal.api.workflowservice.v1;
    const response = ListWorkflowExecutionsResponse.decode(
      ListWorkflowExecutionsResponse.encode({
        executions: [
          {
            execution: { workflowId: 'case-1', runId: 'r1' },
            type: { name: 'processWorkflow' },
            status: temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING,
            startTime: { nanos: 1 },
            searchAttributes: {
              indexedFields: {
                CaseStage: attribute('Keyword', 'consent'),
                // Not shown: were it decoded, its garbled payload would throw.
                OpenTasks: {
                  metadata: { encoding: Buffer.from('json/plain') },
                  data: Buffer.from('{'),
                },
              },
            },
          },
        ],
      }).finish(),
    );
    const client = {
      options: { namespace: 'default' },
      workflowService: { listWorkflowExecutions: async () => response },
    } as unknown as Client;
    const page = await visibilityPage(client, "Municipality = '142042'", 100, [CaseStageAttribute]);
    const [run] = page.executions;
    expect(run.workflowId).toBe('case-1');
    expect(run.status.name).toBe('RUNNING');
    expect(run.typedSearchAttributes.get(CaseStageAttribute)).toBe('consent');
    expect(page.next).toBeUndefined();
  });
});
