/**
 * A case's workflow id is derived from its case id alone, so starting the same case twice finds
 * the one workflow instead of creating another. It carries no personal data: managers see it in
 * the Temporal UI.
 */
export function caseWorkflowId(caseId: string): string {
  return `case-${caseId}`;
}
