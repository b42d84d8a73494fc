import { ConflictException, Injectable } from '@nestjs/common';
import { caseDiagramXml } from '@sss/bpmn';
import { releasedDefinitions } from '@sss/definitions';
import { processStanding, ProcessView } from '@sss/domain';
import { childWorkflowId } from '@sss/workflows/client';
import type { RequestContext } from '../auth/request-context';
import type { CaseProcessState } from '../cases/case-process';
import { CasesService } from '../cases/cases.service';

/** A case's pinned definition as BPMN, with where the case stands on it. */
@Injectable()
export class CaseDiagramService {
  private readonly registry = releasedDefinitions();

  constructor(private readonly cases: CasesService) {}

  async diagram(ctx: RequestContext, id: string): Promise<string> {
    const { pinned, state } = await this.cases.standing(ctx, id);
    const [root] = state.processes;
    const key = pinned ?? root?.view.definition;
    if (!key) throw new ConflictException('the case has no process definition recorded yet');
    const [definition, version] = key.split('@');
    const standing = root ? processStanding(root.view, children(state)) : closedStanding();
    return caseDiagramXml(this.registry.get(definition, Number(version)), standing);
  }
}

/** The live views of the processes each call activity of the case's root process runs. */
function children(state: CaseProcessState): Record<string, ProcessView[]> {
  const [root, ...rest] = state.processes;
  const byId = new Map(rest.map((p) => [p.workflowId, p.view]));
  const found: Record<string, ProcessView[]> = {};
  for (const call of root.view.calls) {
    const view = byId.get(childWorkflowId(root.workflowId, call.workId));
    if (view) (found[call.elementId] ??= []).push(view);
  }
  return found;
}

/** A case whose process has ended shows no element open; its history is the timeline's. */
function closedStanding() {
  return { done: [], open: [], overdue: [] };
}
