export * from './bpmn-export';
export * from './bpmn-import';
export { SSS_NAMESPACE } from './sss-moddle';
