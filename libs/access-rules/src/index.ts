export * from './objective-visibility';
