export * from './bpmn-export';
