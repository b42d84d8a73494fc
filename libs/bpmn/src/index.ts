export * from './bpmn-export';
export * from './bpmn-import';
export * from './case-diagram';
export * from './element-templates';
export { SSS_NAMESPACE } from './sss-moddle';
