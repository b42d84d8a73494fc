import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { upsertSearchAttributes } from '@temporalio/workflow';
import type { ProcessSummary } from '@sss/domain';
import {
  ActivityFailingAttribute,
  CaseStageAttribute,
  EscalationLevelAttribute,
  NextDueAtAttribute,
  OpenTasksAttribute,
  OverdueAttribute,
  OverdueTasksAttribute,
  ProcessDefinitionAttribute,
} from '../search-attributes';
import { PATCH, PatchId } from './patches';

/** Keeps the run's search attributes in step with its view; upserts only what changed. */
export class ProcessAttributes {
  private last = '';

  constructor(private readonly inForce: (id: PatchId) => boolean) {}

  update(view: ProcessSummary, activityFailing = false): void {
    const pairs: SearchAttributeUpdatePair[] = [
      { key: ProcessDefinitionAttribute, value: view.definition },
      { key: CaseStageAttribute, value: view.stage ?? view.status },
      { key: OpenTasksAttribute, value: view.openTasks.map((t) => t.elementId) },
      { key: NextDueAtAttribute, value: view.nextDueAt ? new Date(view.nextDueAt) : null },
      { key: OverdueAttribute, value: view.overdue },
      { key: EscalationLevelAttribute, value: view.escalationLevel },
    ];
    // What managers' stuck-case filters need: which tasks are overdue, and failing activities.
    if (this.inForce(PATCH.stuckCaseAttributes)) {
      pairs.push(
        {
          key: OverdueTasksAttribute,
          value: view.openTasks.filter((t) => t.overdue).map((t) => t.elementId),
        },
        { key: ActivityFailingAttribute, value: activityFailing },
      );
    }
    const snapshot = JSON.stringify(pairs.map((p) => p.value));
    if (snapshot === this.last) return;
    this.last = snapshot;
    upsertSearchAttributes(pairs);
  }
}
