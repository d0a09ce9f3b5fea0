import { bootstrapService, loadConfiguration } from '@rhythm/operability';
import { goalsServiceOptions } from './goals.app';
import { goalsConfigurationSchema } from './goals-configuration';

// Fails fast, listing every missing or invalid variable.
const config = loadConfiguration(goalsConfigurationSchema);

void bootstrapService(goalsServiceOptions(config));
