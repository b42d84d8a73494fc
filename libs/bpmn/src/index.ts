export * from './bpmn-export';
export * from './bpmn-import';
export * from './element-templates';
export { SSS_NAMESPACE } from './sss-moddle';
