import { looseSchemasOf, type OpenApiDocument } from '@rhythm/tools/openapi-fuzz/openapi-document';
import {
  edgeStatuses,
  errorAnswersAmiss,
  offlineConfiguration,
  undocumentedSuccesses,
} from '@rhythm/tools/openapi-fuzz/api-checks';
import { serviceDocumentOf } from '@rhythm/tools/openapi-fuzz/service-document';
import { recognitionConfigurationSchema } from './recognition-configuration';
import { RecognitionModule } from './recognition.module';

/**
 * The recognition API's OpenAPI document, built from its controllers (no store): every property has
 * a type, every operation documents the edge's answers with the one error schema, and every
 * query documents what it answers.
 */
describe('the recognition API document', () => {
  let document: OpenApiDocument;

  beforeAll(async () => {
    const config = offlineConfiguration(recognitionConfigurationSchema);
    document = await serviceDocumentOf(RecognitionModule.forRoot(config), 'Rhythm recognition');
  });

  it('gives every property a type: nothing swagger guessed as an object', () => {
    expect(looseSchemasOf(document)).toEqual([]);
  });

  it('documents the answers of every operation with the one error schema', () => {
    expect(errorAnswersAmiss(document, [...edgeStatuses, '404'])).toEqual([]);
  });

  it('documents the body of every successful answer', () => {
    expect(undocumentedSuccesses(document)).toEqual([]);
  });
});
