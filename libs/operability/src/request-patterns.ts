/**
 * Shapes the HTTP edge checks before a command reaches its domain (which checks them again):
 * one definition, so every service answers the same 400 for the same input.
 */
export const requestPatterns = {
  /** An ISO-8601 instant with its offset (`Z` or `+02:00`): a moment, never a local time. */
  instant: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/,
  /** An org id (person, unit): what the org context allows, up to 200 characters. */
  orgId: /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/,
} as const;
