import { Global, Module } from '@nestjs/common';
import { HealthChecks } from './health-checks';
import { HealthController } from './health.controller';
import { MetricsController } from './metrics.controller';
import { ShutdownRegistry } from './graceful-shutdown';

/** Health, metrics and the shutdown registry. bootstrapService imports it for the service. */
@Global()
@Module({
  controllers: [HealthController, MetricsController],
  providers: [HealthChecks, ShutdownRegistry],
  exports: [HealthChecks, ShutdownRegistry],
})
export class OperabilityModule {}
