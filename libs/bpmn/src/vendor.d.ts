// The bpmn-io packages ship no declarations for their entry points; these cover what we call.
declare module 'bpmn-moddle' {
  export interface ModdleElement {
    $type: string;
    id?: string;
    [key: string]: unknown;
  }
  export class BpmnModdle {
    constructor(packages?: Record<string, unknown>);
    create(type: string, attrs?: Record<string, unknown>): ModdleElement;
    toXML(element: ModdleElement, options?: { format?: boolean }): Promise<{ xml: string }>;
    fromXML(
      xml: string,
      typeName?: string,
    ): Promise<{ rootElement: ModdleElement; warnings: { message: string }[] }>;
  }
}

declare module 'bpmn-auto-layout' {
  /** Adds BPMN diagram interchange (shapes and edges) to a process without one. */
  export function layoutProcess(xml: string): Promise<string>;
}
