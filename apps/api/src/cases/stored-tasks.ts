import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { caseIdOfWorkflow } from '@sss/domain';

/** A task open in one of a case's processes, as the store last holds it. */
export interface StoredTask {
  workflowId: string;
  taskId: string;
  elementId: string;
}

/**
 * The open tasks of a case's running processes as the worker stores them (`open_tasks`, written
 * before each workflow task completes, so never behind an action's answer but possibly behind
 * another caller's step). Only tasks of the case's own processes: the workflow id says whose.
 */
@Injectable()
export class StoredTasks {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async ofCase(caseId: string): Promise<StoredTask[]> {
    const rows: { workflow_id: string; task_id: string; element_id: string }[] =
      await this.db.query(
        `SELECT t.workflow_id, t.task_id, t.element_id
           FROM open_tasks t JOIN process_snapshots s USING (workflow_id)
          WHERE t.case_id = $1 AND s.running`,
        [caseId],
      );
    return rows
      .filter((r) => caseIdOfWorkflow(r.workflow_id) === caseId)
      .map((r) => ({ workflowId: r.workflow_id, taskId: r.task_id, elementId: r.element_id }));
  }
}
