import {
  BadRequestException,
  NotFoundException,
  PayloadTooLargeException,
  ServiceUnavailableException,
  type ValidationError,
} from '@nestjs/common';
import {
  AlreadyExists,
  Forbidden,
  NotFound,
  RuleViolated,
  StreamUnreadable,
  ValidationFailed,
  WrongExpectedRevision,
} from '@rhythm/event-sourcing';
import { AccessTokenRejected } from '@rhythm/identity';
import { httpErrorOf, RequestInvalid } from './http-error';
import { preferredLanguage } from './http-error.catalog';
import { RequestThrottled } from './rate-limits';
import { createValidationPipe, fieldsOf, nulCharacterFields } from './validation.pipe';

describe('the HTTP error model', () => {
  describe('domain errors', () => {
    it.each([
      [
        new ValidationFailed('Name is too long', { name: 'at most 80 characters' }),
        400,
        'validation_failed',
      ],
      [new NotFound('Squad s-1 does not exist'), 404, 'not_found'],
      [new AlreadyExists('Squad s-1 already exists'), 409, 'already_exists'],
      [new RuleViolated('A dissolved squad cannot take members'), 409, 'rule_violated'],
      [new Forbidden('Only admins move squads'), 403, 'forbidden'],
      [new WrongExpectedRevision('squad-s-1', 3, 4), 409, 'version_conflict'],
    ])('%s → %i %s', (error, status, code) => {
      const { body, serverFault } = httpErrorOf(error, 'en');
      expect(body.statusCode).toBe(status);
      expect(body.error).toBe(code);
      expect(serverFault).toBe(false);
    });

    it('keeps the domain message and the fields at fault', () => {
      expect(
        httpErrorOf(new ValidationFailed('Name is too long', { name: 'at most 80' }), 'nl').body,
      ).toEqual({
        statusCode: 400,
        error: 'validation_failed',
        message: 'Name is too long',
        fields: { name: 'at most 80' },
      });
    });

    it('adds fields to a rule violation only when it has some', () => {
      expect(httpErrorOf(new RuleViolated('No'), 'en').body).not.toHaveProperty('fields');
      expect(
        httpErrorOf(new RuleViolated('No', { tribeId: 'archived' }), 'en').body.fields,
      ).toEqual({
        tribeId: 'archived',
      });
    });

    it('does not show stream names and revisions of a version conflict', () => {
      const { body } = httpErrorOf(new WrongExpectedRevision('squad-s-1', 3, 4), 'nl');
      expect(body.message).not.toContain('squad-s-1');
      expect(body.message).toBe(
        'Iemand anders heeft dit tegelijk gewijzigd. Laad opnieuw en probeer het nog eens.',
      );
    });
  });

  it('gives invalid requests a translated title and the field paths', () => {
    const { body } = httpErrorOf(new RequestInvalid({ 'owner.email': 'must be an email' }), 'nl');
    expect(body).toEqual({
      statusCode: 400,
      error: 'validation_failed',
      message: 'Het verzoek is niet geldig.',
      fields: { 'owner.email': 'must be an email' },
    });
  });

  it('answers 401 with the public reason and a WWW-Authenticate challenge', () => {
    expect(httpErrorOf(new AccessTokenRejected('wrong_audience'), 'en')).toEqual({
      body: {
        statusCode: 401,
        error: 'unauthenticated',
        message: 'The access token is not valid.',
        reason: 'invalid_token',
      },
      headers: { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
      serverFault: false,
    });
    expect(httpErrorOf(new AccessTokenRejected('expired'), 'nl').body.message).toBe(
      'Het toegangstoken is verlopen.',
    );
    expect(httpErrorOf(new AccessTokenRejected('missing'), 'en').headers).toEqual({
      'WWW-Authenticate': 'Bearer',
    });
  });

  it.each([
    [new BadRequestException('Unexpected token } in JSON'), 400, 'bad_request'],
    [new NotFoundException('Cannot GET /nope'), 404, 'not_found'],
    [new PayloadTooLargeException(), 413, 'payload_too_large'],
    [new ServiceUnavailableException(), 503, 'service_unavailable'],
  ])('maps framework exception %s to %i %s with a generic message', (error, status, code) => {
    const { body } = httpErrorOf(error, 'en');
    expect(body).toEqual({ statusCode: status, error: code, message: expect.any(String) });
    expect(body.message).not.toBe(error.message);
  });

  it('tells when to come back on a framework 503 too (no keys from the identity provider yet)', () => {
    expect(httpErrorOf(new ServiceUnavailableException('no keys yet'), 'en').headers).toEqual({
      'Retry-After': '5',
    });
    expect(httpErrorOf(new NotFoundException(), 'en').headers).toEqual({});
  });

  it.each([
    ['entity.too.large', 413, 'payload_too_large'],
    ['charset.unsupported', 415, 'unsupported_media_type'],
  ])('maps the body parser error %s to %i %s', (type, status, code) => {
    // The shape http-errors gives body-parser's errors.
    const error = Object.assign(new Error('internal detail'), { type, status, expose: true });
    const { body, serverFault } = httpErrorOf(error, 'en');
    expect(body).toEqual({ statusCode: status, error: code, message: expect.any(String) });
    expect(body.message).not.toBe('internal detail');
    expect(serverFault).toBe(false);
  });

  const named = (name: string, message = 'connect ECONNREFUSED 127.0.0.1:57017') =>
    Object.assign(new Error(message), { name });
  const coded = (code: string, message = 'server detail') =>
    Object.assign(new Error(message), { code });

  it.each([
    ['the read store cannot be reached', named('MongoServerSelectionError')],
    ['the read store connection dropped', named('MongoNetworkError')],
    ['PostgreSQL refuses connections', coded('ECONNREFUSED')],
    ['PostgreSQL is shutting down', coded('57P01')],
    ['PostgreSQL has too many connections', coded('53300')],
    ['PostgreSQL dropped the connection', new Error('Connection terminated unexpectedly')],
    ['the cause is an outage', new Error('wrapped', { cause: coded('ECONNRESET') })],
    [
      "an aggregate's history holds an event it cannot fold (ADR 0066)",
      new StreamUnreadable('acme/objective-127.0.0.1', 3, 'KeyResultProgressed', new TypeError()),
    ],
  ])('answers 503 with Retry-After when %s', (_label, error) => {
    const { body, headers, serverFault } = httpErrorOf(error, 'en');
    expect(body).toEqual({
      statusCode: 503,
      error: 'service_unavailable',
      message: expect.any(String),
    });
    expect(body.message).not.toContain('127.0.0.1');
    expect(headers).toEqual({ 'Retry-After': '5' });
    expect(serverFault).toBe(true);
  });

  it.each([
    ['a duplicate key', Object.assign(new Error('E11000 duplicate key'), { code: 11000 })],
    ['a PostgreSQL syntax error', coded('42601')],
    ['a type error', new TypeError('x is undefined')],
  ])('does not take %s for an outage', (_label, error) => {
    expect(httpErrorOf(error, 'en').body.statusCode).toBe(500);
  });

  it('answers a throttled request with 429, Retry-After and the translated message', () => {
    expect(httpErrorOf(new RequestThrottled('tenant', 7), 'nl')).toEqual({
      body: {
        statusCode: 429,
        error: 'too_many_requests',
        message: 'Te veel verzoeken. Probeer het later opnieuw.',
      },
      headers: { 'Retry-After': '7' },
      serverFault: false,
    });
  });

  it('hides unknown errors behind a 500 without their message', () => {
    const { body, serverFault } = httpErrorOf(
      new TypeError('cannot read x of undefined at pool.ts:12'),
      'en',
    );
    expect(serverFault).toBe(true);
    expect(body).toEqual({
      statusCode: 500,
      error: 'internal_error',
      message:
        'Something went wrong on our side. Please quote the correlation id when you report it.',
    });
  });
});

describe('preferredLanguage', () => {
  it.each([
    [undefined, 'en'],
    ['nl', 'nl'],
    ['nl-BE,nl;q=0.9,en;q=0.8', 'nl'],
    ['de-DE,en;q=0.5,nl;q=0.7', 'nl'],
    ['fr', 'en'],
    ['nl;q=0, en', 'en'],
  ])('%s → %s', (header, language) => {
    expect(preferredLanguage(header)).toBe(language);
  });
});

describe('fieldsOf', () => {
  it('names nested and array fields by their path', () => {
    const errors: ValidationError[] = [
      { property: 'name', constraints: { isString: 'name must be a string' }, children: [] },
      {
        property: 'owner',
        children: [
          {
            property: 'email',
            constraints: { isEmail: 'email must be an email', maxLength: 'email is too long' },
            children: [],
          },
        ],
      },
      {
        property: 'members',
        children: [
          {
            property: '0',
            children: [
              { property: 'role', constraints: { isIn: 'role must be one of' }, children: [] },
            ],
          },
        ],
      },
    ];
    expect(fieldsOf(errors)).toEqual({
      name: 'name must be a string',
      'owner.email': 'email must be an email; email is too long',
      'members.0.role': 'role must be one of',
    });
  });
});

describe('the validation pipe', () => {
  it('finds U+0000 at any depth, which PostgreSQL cannot store', () => {
    expect(nulCharacterFields({ name: 'a\u0000b', owner: { tags: ['ok', '\u0000'] } })).toEqual([
      'owner.tags.1',
      'name',
    ]);
    expect(nulCharacterFields('ok')).toEqual([]);
  });

  it('refuses a body with U+0000 as invalid, naming the field', async () => {
    const refusal = createValidationPipe()
      .transform({ name: 'Ann\u0000' }, { type: 'body', metatype: Object })
      .catch((error: unknown) => error);
    await expect(refusal).resolves.toBeInstanceOf(RequestInvalid);
    expect(((await refusal) as RequestInvalid).fields).toEqual({
      name: 'must not contain U+0000',
    });
  });
});
