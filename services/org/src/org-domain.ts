// The service's one door into its pure domain project (`@rhythm/org-domain`).
export * from '@rhythm/org-domain';
