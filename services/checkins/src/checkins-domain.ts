// The service's one door into its pure domain project (`@rhythm/checkins-domain`).
export * from '@rhythm/checkins-domain';
