import { randomUUID } from 'node:crypto';
import type { AuthenticatedActor } from '@rhythm/identity';
import { DocumentedAnswers } from '@rhythm/tools/openapi-fuzz/documented-answers';
import { looseSchemasOf, type OpenApiDocument } from '@rhythm/tools/openapi-fuzz/openapi-document';
import { errorAnswersAmiss, offlineConfiguration } from '@rhythm/tools/openapi-fuzz/api-checks';
import { serviceDocumentOf } from '@rhythm/tools/openapi-fuzz/service-document';
import { OrgUnitsHttpController } from './application/org-units/org-units.http.controller';
import type { OrgReadModels } from './read-models/org-read-models';
import type { OrgUnitDocument } from './read-models/org-structure.projection';
import { orgConfigurationSchema } from './org-configuration';
import { OrgModule } from './org.module';

/**
 * The org API's OpenAPI document, built from its controllers (no store): what it promises must
 * be what the code answers (issue 8, finding 6). The fuzz e2e spec checks every answer of the
 * running service against it; this spec checks the document itself and sample answers.
 */
describe('the org API document', () => {
  let document: OpenApiDocument;

  beforeAll(async () => {
    const config = offlineConfiguration(orgConfigurationSchema);
    document = await serviceDocumentOf(OrgModule.forRoot(config), 'Rhythm org');
  });

  it('gives every property a type: nothing swagger guessed as an object', () => {
    expect(looseSchemasOf(document)).toEqual([]);
  });

  it('documents a unit’s tribe and lead as nullable UUID strings', () => {
    const unit = document.components?.schemas?.OrgUnitResponse;
    expect(unit?.properties?.tribeId).toMatchObject({ type: 'string', format: 'uuid' });
    expect(unit?.properties?.tribeId?.nullable).toBe(true);
    expect(unit?.properties?.leadId).toMatchObject({ type: 'string', nullable: true });
  });

  it('documents a required text as the domain takes it: not blank, and at most its length', () => {
    // The domain trims and refuses an empty text (400): a name of spaces is outside the document.
    expect(document.components?.schemas?.RenameDto?.properties?.name).toMatchObject({
      type: 'string',
      minLength: 1,
      maxLength: 120,
      pattern: '\\S',
    });
  });

  it('documents the answers of every operation with the one error schema', () => {
    expect(errorAnswersAmiss(document)).toEqual([]);
  });

  it.each<[string, Partial<OrgUnitDocument>]>([
    ['a squad in a tribe, with a product owner', { kind: 'squad', leadId: randomUUID() }],
    ['a chapter without a lead', { kind: 'chapter', leadId: null }],
    ['a dissolved squad', { kind: 'squad', status: 'dissolved', dissolvedAt: new Date() }],
  ])('answers GET /squads/{id} and /chapters/{id} as documented: %s', async (_, shape) => {
    const unit: OrgUnitDocument = {
      _id: randomUUID(),
      tenantId: 'acme',
      kind: 'squad',
      name: 'Checkout',
      status: 'active',
      purpose: 'Money moves',
      tribeId: randomUUID(),
      formedAt: new Date('2026-01-05T09:00:00Z'),
      ...shape,
    };
    const readModels = { units: { unit: () => Promise.resolve(unit) } };
    const controller = new OrgUnitsHttpController(readModels as unknown as OrgReadModels);
    const actor = { tenantId: 'acme' } as AuthenticatedActor;
    const answer =
      unit.kind === 'squad'
        ? await controller.squad(actor, unit._id)
        : await controller.chapter(actor, unit._id);
    const path = unit.kind === 'squad' ? '/squads/{id}' : '/chapters/{id}';
    const mismatch = new DocumentedAnswers(document).mismatchOf('GET', path, {
      status: 200,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(answer),
    });
    expect(mismatch).toBeUndefined();
  });
});
