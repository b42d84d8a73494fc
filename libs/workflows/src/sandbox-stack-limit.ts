/**
 * Preloaded into each worker thread's workflow sandbox before its globals are frozen (see
 * PRELOADED in libs/temporal/src/workflow-bundle.ts). The SDK records the stack of every promise
 * a workflow creates, for its `__stack_trace` query, by making an Error and source-mapping each
 * frame: a quarter of an activation went there. One frame keeps where a promise was made (and a
 * failure's top frame); where a case waits is the process view's to say, not a stack.
 */
Error.stackTraceLimit = 1;
