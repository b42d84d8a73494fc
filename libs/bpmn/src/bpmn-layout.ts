import { layoutProcess } from 'bpmn-auto-layout';

/** Adds a diagram (shapes and edges) to BPMN XML that has none. */
export function layOut(xml: string): Promise<string> {
  return layoutProcess(xml);
}
