import { BpmnModdle } from 'bpmn-moddle';
import sssPackage from './sss.moddle.json';

/**
 * Our semantics in BPMN XML: attributes and extension elements in this namespace, described by
 * `sss.moddle.json` (the descriptor bpmn-js, Camunda Modeler plugins and this library all load).
 */
export const SSS_NAMESPACE = sssPackage.uri;

/** Process ids are `Process_<definition id>`, so that no element id can collide with one. */
export const PROCESS_ID_PREFIX = 'Process_';

/** Expressions stay JSON Logic in BPMN; the language attribute says so. */
export const JSON_LOGIC = 'https://jsonlogic.com';

/** A moddle that reads and writes BPMN 2.0 with our namespace (and bpmn.io's colours). */
export function sssModdle(): BpmnModdle {
  return new BpmnModdle({ sss: sssPackage });
}
