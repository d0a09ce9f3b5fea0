import { ValidateIf } from 'class-validator';

/**
 * The field may be left out, but when present it must be valid: unlike IsOptional, `null` is not
 * a way to leave it out (a `"reason": null` would otherwise reach the domain as a reason).
 */
export const Omittable = () => ValidateIf((_object: object, value: unknown) => value !== undefined);
