import { bootstrapService, loadConfiguration } from '@rhythm/operability';
import { recognitionServiceOptions } from './recognition.app';
import { recognitionConfigurationSchema } from './recognition-configuration';

// Fails fast, listing every missing or invalid variable.
const config = loadConfiguration(recognitionConfigurationSchema);

void bootstrapService(recognitionServiceOptions(config));
