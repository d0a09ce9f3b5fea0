export * from './ConfidenceBadge';
export * from './ErrorMessage';
export * from './PageHeader';
export * from './ProgressBar';
export * from './QueryState';
export * from './Field';
