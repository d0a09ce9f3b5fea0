// The service's one door into its pure domain project (`@rhythm/goals-domain`).
export * from '@rhythm/goals-domain';
