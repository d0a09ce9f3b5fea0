export * from './kafka-connection';
export * from './kafka-principals';
export * from './kafka-grants';
export * from './kafka-topics';
