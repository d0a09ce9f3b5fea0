import { bootstrapService, loadConfiguration } from '@rhythm/operability';
import { orgServiceOptions } from './org.app';
import { orgConfigurationSchema } from './org-configuration';

// Fails fast, listing every missing or invalid variable.
const config = loadConfiguration(orgConfigurationSchema);

void bootstrapService(orgServiceOptions(config));
