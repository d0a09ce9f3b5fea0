export * from './sealed-text';
export * from './master-key';
export * from './personal-data-keys';
export * from './personal-data-policy';
export * from './personal-data-event-store';
export * from './postgres-personal-data-keys';
