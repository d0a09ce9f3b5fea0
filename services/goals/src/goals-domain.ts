// The service's one door into its pure domain project. Nx wants a path alias for a project
// import; until tsconfig.base.json has `@rhythm/goals-domain`, this is the only relative one.
// eslint-disable-next-line @nx/enforce-module-boundaries
export * from './domain';
