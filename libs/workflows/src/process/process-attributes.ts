import type { SearchAttributeUpdatePair } from '@temporalio/common';
import { upsertSearchAttributes } from '@temporalio/workflow';
import type { ProcessView } from '@sss/domain';
import {
  CaseStageAttribute,
  EscalationLevelAttribute,
  NextDueAtAttribute,
  OpenTasksAttribute,
  OverdueAttribute,
  ProcessDefinitionAttribute,
} from '../search-attributes';

/** Keeps the run's search attributes in step with its view; upserts only what changed. */
export class ProcessAttributes {
  private last = '';

  update(view: ProcessView): void {
    const pairs: SearchAttributeUpdatePair[] = [
      { key: ProcessDefinitionAttribute, value: view.definition },
      { key: CaseStageAttribute, value: view.stage ?? view.status },
      { key: OpenTasksAttribute, value: view.openTasks.map((t) => t.elementId) },
      { key: NextDueAtAttribute, value: view.nextDueAt ? new Date(view.nextDueAt) : null },
      { key: OverdueAttribute, value: view.overdue },
      { key: EscalationLevelAttribute, value: view.escalationLevel },
    ];
    const snapshot = JSON.stringify(pairs.map((p) => p.value));
    if (snapshot === this.last) return;
    this.last = snapshot;
    upsertSearchAttributes(pairs);
  }
}
