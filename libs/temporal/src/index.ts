export * from './payload-keys';
export * from './payload-cipher';
export * from './case-payload-codecs';
export * from './connection-options';
