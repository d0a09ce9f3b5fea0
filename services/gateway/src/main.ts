import { loadConfiguration } from '@rhythm/operability';
import { bootstrapGateway } from './gateway.app';
import { gatewayConfigurationSchema } from './gateway-configuration';

// Fails fast, listing every missing or invalid variable.
const config = loadConfiguration(gatewayConfigurationSchema);

void bootstrapGateway(config);
