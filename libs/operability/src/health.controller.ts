import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Public } from '@rhythm/identity';
import { type Response } from 'express';
import { HealthChecks, type ReadinessReport } from './health-checks';

/** Kubernetes probes. Not part of the product API, and not meant to be routed from outside. */
@ApiExcludeController()
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly checks: HealthChecks) {}

  @Get('live')
  live() {
    return { status: 'up', uptimeSeconds: Math.round(process.uptime()) };
  }

  @Get('ready')
  async ready(@Res({ passthrough: true }) response: Response): Promise<ReadinessReport> {
    const report = await this.checks.readiness();
    // Degraded still serves: parked events wait for an operator, the rest of the work goes on.
    response.status(report.status === 'ready' || report.status === 'degraded' ? 200 : 503);
    return report;
  }
}
