import { DocumentedAnswers } from '@rhythm/tools/openapi-fuzz/documented-answers';
import { looseSchemasOf, type OpenApiDocument } from '@rhythm/tools/openapi-fuzz/openapi-document';
import { errorAnswersAmiss, offlineConfiguration } from '@rhythm/tools/openapi-fuzz/api-checks';
import { serviceDocumentOf } from '@rhythm/tools/openapi-fuzz/service-document';
import { templateIn, trainingIn } from './application/templates/templates.responses';
import { languages, objectiveTemplates, trainingModules } from './goals-domain';
import { goalsConfigurationSchema } from './goals-configuration';
import { GoalsModule } from './goals.module';

/**
 * The goals API's OpenAPI document, built from its controllers (no store): what it promises must
 * be what the code answers (issue 8, finding 6). The fuzz e2e spec checks every answer of the
 * running service against it; this spec checks the document itself and the answers it can
 * build without one: the template and training catalogues, in every language.
 */
describe('the goals API document', () => {
  let document: OpenApiDocument;
  let answers: DocumentedAnswers;
  const json = (body: unknown) => ({
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify(body),
  });

  beforeAll(async () => {
    const config = offlineConfiguration(goalsConfigurationSchema);
    document = await serviceDocumentOf(GoalsModule.forRoot(config), 'Rhythm goals');
    answers = new DocumentedAnswers(document);
  });

  it('gives every property a type: nothing swagger guessed as an object', () => {
    expect(looseSchemasOf(document)).toEqual([]);
  });

  it('documents the language of templates and training as en or nl', () => {
    for (const name of ['TemplateResponse', 'TrainingModuleResponse']) {
      expect(document.components?.schemas?.[name]?.properties?.language).toMatchObject({
        type: 'string',
        enum: ['en', 'nl'],
      });
    }
  });

  it.each(languages)('answers GET /templates in %s as documented, every template', (language) => {
    const all = objectiveTemplates.map((template) => templateIn(template, language));
    expect(answers.mismatchOf('GET', '/templates', json(all))).toBeUndefined();
    for (const template of all) {
      expect(answers.mismatchOf('GET', '/templates/{templateId}', json(template))).toBeUndefined();
    }
  });

  it.each(languages)('answers GET /training in %s as documented', (language) => {
    const all = trainingModules.map((module) => trainingIn(module, language));
    expect(answers.mismatchOf('GET', '/training', json(all))).toBeUndefined();
  });

  it('documents the answers of every operation with the one error schema', () => {
    expect(errorAnswersAmiss(document)).toEqual([]);
  });
});
