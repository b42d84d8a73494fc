/**
 * A case's workflow id is derived from its case id alone, so starting the same case twice finds
 * the one workflow instead of creating another. It carries no personal data: managers see it in
 * the Temporal UI.
 */
export function caseWorkflowId(caseId: string): string {
  return `case-${caseId}`;
}

/** The case a workflow belongs to: its own id for the case, its parent's for a meeting it runs. */
export function caseIdOfWorkflow(workflowId: string): string | undefined {
  return /^case-([0-9a-f-]{36})(\/|$)/.exec(workflowId)?.[1];
}
