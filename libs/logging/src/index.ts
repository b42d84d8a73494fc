export * from './logging.module';
export * from './temporal-runtime-logger';
export * from './error-serializer';
