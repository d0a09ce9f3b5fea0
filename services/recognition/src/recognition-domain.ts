// The service's one door into its pure domain project (`@rhythm/recognition-domain`).
export * from '@rhythm/recognition-domain';
