import { type PublicRejectionReason } from '@rhythm/identity';
import { type HttpErrorCode } from './http-error';

/** Languages people get generic error messages in, chosen by Accept-Language. */
export type Language = 'en' | 'nl';

type Translations = Readonly<Record<Language, string>>;

/** Generic messages, by error code. Domain errors bring their own (English) message. */
export const errorMessages: Readonly<Record<HttpErrorCode, Translations>> = {
  validation_failed: {
    en: 'The request is not valid.',
    nl: 'Het verzoek is niet geldig.',
  },
  not_found: { en: 'Not found.', nl: 'Niet gevonden.' },
  already_exists: { en: 'It already exists.', nl: 'Het bestaat al.' },
  rule_violated: {
    en: 'This is not allowed in the current state.',
    nl: 'Dit is in de huidige toestand niet toegestaan.',
  },
  forbidden: { en: 'You are not allowed to do this.', nl: 'Je mag dit niet doen.' },
  version_conflict: {
    en: 'Someone else changed this at the same time. Reload and try again.',
    nl: 'Iemand anders heeft dit tegelijk gewijzigd. Laad opnieuw en probeer het nog eens.',
  },
  unauthenticated: {
    en: 'You need to sign in.',
    nl: 'Je moet inloggen.',
  },
  bad_request: {
    en: 'The request is malformed.',
    nl: 'Het verzoek is onjuist opgebouwd.',
  },
  method_not_allowed: {
    en: 'This method is not allowed here.',
    nl: 'Deze methode is hier niet toegestaan.',
  },
  payload_too_large: {
    en: 'The request body is too large.',
    nl: 'De inhoud van het verzoek is te groot.',
  },
  unsupported_media_type: {
    en: 'This content type is not supported.',
    nl: 'Dit inhoudstype wordt niet ondersteund.',
  },
  too_many_requests: {
    en: 'Too many requests. Try again later.',
    nl: 'Te veel verzoeken. Probeer het later opnieuw.',
  },
  service_unavailable: {
    en: 'The service is temporarily unavailable.',
    nl: 'De dienst is tijdelijk niet beschikbaar.',
  },
  internal_error: {
    en: 'Something went wrong on our side. Please quote the correlation id when you report it.',
    nl: 'Er ging bij ons iets mis. Vermeld het correlatie-id als je dit meldt.',
  },
  http_error: {
    en: 'The request could not be handled.',
    nl: 'Het verzoek kon niet worden afgehandeld.',
  },
};

export const tokenMessages: Readonly<Record<PublicRejectionReason, Translations>> = {
  missing_token: {
    en: 'A bearer access token is required.',
    nl: 'Een bearer-toegangstoken is vereist.',
  },
  token_expired: {
    en: 'The access token has expired.',
    nl: 'Het toegangstoken is verlopen.',
  },
  invalid_token: {
    en: 'The access token is not valid.',
    nl: 'Het toegangstoken is ongeldig.',
  },
  invalid_claims: {
    en: "The access token's tenant or subject is not a valid id: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit.",
    nl: "De tenant of het subject van het toegangstoken is geen geldig id: 1 tot 64 letters, cijfers, '.', '_' of '-', beginnend met een letter of cijfer.",
  },
};

/** The best supported language in an Accept-Language header (q-values honoured); English otherwise. */
export const preferredLanguage = (acceptLanguage: string | undefined): Language => {
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part, index) => {
      const [tag = '', ...parameters] = part.trim().toLowerCase().split(';');
      const q = parameters.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)).find(Boolean);
      return { language: tag.split('-')[0], quality: q ? Number(q[1]) : 1, index };
    })
    .filter((entry) => entry.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  const match = ranked.find((entry) => entry.language === 'en' || entry.language === 'nl');
  return (match?.language as Language | undefined) ?? 'en';
};
