import { IsDefined, IsString } from 'class-validator';
import { RequestInvalid } from './http-error';
import { NestedObject } from './nested-object.decorator';
import { createValidationPipe } from './validation.pipe';

class DraftDto {
  @IsString()
  title!: string;
}

class ReviseDto {
  @IsDefined({ message: 'draft is required' })
  @NestedObject(() => DraftDto)
  draft!: DraftDto;
}

const validate = (body: unknown) =>
  createValidationPipe()
    .transform(body, { type: 'body', metatype: ReviseDto })
    .catch((error: unknown) => error);

describe('a nested object of a request body', () => {
  it.each([
    ['an empty array', []],
    ['an array of drafts', [{ title: 'A' }]],
    ['a string', 'A'],
    ['a number', 1],
  ])('refuses %s in its place, naming the field', async (_what, draft) => {
    const refusal = await validate({ draft });
    expect(refusal).toBeInstanceOf(RequestInvalid);
    expect(Object.keys((refusal as RequestInvalid).fields)).toEqual(['draft']);
  });

  it('says a missing object once, as the rule of the property says it', async () => {
    const refusal = await validate({});
    expect((refusal as RequestInvalid).fields).toEqual({ draft: 'draft is required' });
  });

  it('refuses the object when its own properties are wrong', async () => {
    const refusal = await validate({ draft: { title: 3 } });
    expect(refusal).toBeInstanceOf(RequestInvalid);
    expect(Object.keys((refusal as RequestInvalid).fields)).toEqual(['draft.title']);
  });

  it('takes the object as its DTO', async () => {
    const body = await validate({ draft: { title: 'A' } });
    expect(body).toBeInstanceOf(ReviseDto);
    expect((body as ReviseDto).draft).toBeInstanceOf(DraftDto);
  });
});
