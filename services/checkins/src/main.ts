import { bootstrapService, loadConfiguration } from '@rhythm/operability';
import { checkinsServiceOptions } from './checkins.app';
import { checkinsConfigurationSchema } from './checkins-configuration';

// Fails fast, listing every missing or invalid variable.
const config = loadConfiguration(checkinsConfigurationSchema);

void bootstrapService(checkinsServiceOptions(config));
