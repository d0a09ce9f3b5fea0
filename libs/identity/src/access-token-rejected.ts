import { UnauthorizedException } from '@nestjs/common';
import { assertNever } from '@rhythm/event-sourcing';
import { identifierRuleText } from './access-token-claims';

/** Why a token was refused: precise, for the logs. */
export type AccessTokenRejection =
  | 'missing'
  | 'malformed'
  | 'algorithm_not_allowed'
  | 'unsupported_critical_header'
  | 'unknown_key'
  | 'bad_signature'
  | 'wrong_issuer'
  | 'wrong_audience'
  | 'expired'
  | 'not_yet_valid'
  | 'missing_expiry'
  | 'issued_in_future'
  | 'lifetime_too_long'
  | 'missing_claims'
  | 'invalid_tenant'
  | 'invalid_subject';

/** What the caller is told: enough to act on, nothing an attacker can probe keys or issuers with. */
export type PublicRejectionReason =
  'missing_token' | 'token_expired' | 'invalid_token' | 'invalid_claims';

export const publicReasonOf = (rejection: AccessTokenRejection): PublicRejectionReason => {
  switch (rejection) {
    case 'missing':
      return 'missing_token';
    case 'expired':
      return 'token_expired';
    case 'malformed':
    case 'algorithm_not_allowed':
    case 'unsupported_critical_header':
    case 'unknown_key':
    case 'bad_signature':
    case 'wrong_issuer':
    case 'wrong_audience':
    case 'not_yet_valid':
    case 'missing_expiry':
    case 'issued_in_future':
    case 'lifetime_too_long':
    case 'missing_claims':
      return 'invalid_token';
    // Signed by a trusted issuer, so naming the claim tells a prober nothing about keys.
    case 'invalid_tenant':
    case 'invalid_subject':
      return 'invalid_claims';
    default:
      return assertNever(rejection);
  }
};

const publicMessages: Record<PublicRejectionReason, string> = {
  missing_token: 'A bearer access token is required.',
  token_expired: 'The access token has expired.',
  invalid_token: 'The access token is not valid.',
  invalid_claims: `The access token's tenant or subject is not a valid id (${identifierRuleText}).`,
};

/**
 * 401. Extends Nest's UnauthorizedException so that it renders sensibly even without the
 * operability error filter, which localises the message and adds the WWW-Authenticate header.
 */
export class AccessTokenRejected extends UnauthorizedException {
  readonly reason: PublicRejectionReason;

  constructor(readonly rejection: AccessTokenRejection) {
    const reason = publicReasonOf(rejection);
    super({ statusCode: 401, error: 'unauthenticated', reason, message: publicMessages[reason] });
    this.reason = reason;
  }
}
