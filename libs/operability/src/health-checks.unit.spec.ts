import type { Response } from 'express';
import { degraded, HealthChecks, noted } from './health-checks';
import { HealthController } from './health.controller';

const answer = async (checks: HealthChecks) => {
  let status = 0;
  const response = {
    status: (code: number) => {
      status = code;
      return response;
    },
  } as unknown as Response;
  const body = await new HealthController(checks).ready(response);
  return { status, body };
};

describe('readiness', () => {
  it('is degraded (200) when a check reports work set aside, naming it', async () => {
    const checks = new HealthChecks();
    checks.register(
      { name: 'mongo', check: () => Promise.resolve() },
      { name: 'projections', check: () => Promise.resolve(degraded('org_structure: 3 parked')) },
    );

    const { status, body } = await answer(checks);

    expect(status).toBe(200);
    expect(body).toEqual({
      status: 'degraded',
      checks: [
        { name: 'mongo', status: 'up', latencyMs: expect.any(Number) },
        {
          name: 'projections',
          status: 'degraded',
          latencyMs: expect.any(Number),
          detail: 'org_structure: 3 parked',
        },
      ],
    });
  });

  it('is not ready (503) when a check is down, degraded or not', async () => {
    const checks = new HealthChecks();
    checks.register(
      { name: 'projections', check: () => Promise.resolve(degraded('1 parked')) },
      { name: 'kafka', check: () => Promise.reject(new Error('no broker')) },
    );

    const { status, body } = await answer(checks);

    expect(status).toBe(503);
    expect(body.status).toBe('not_ready');
  });

  it('is ready (200) when every check resolves with anything but a degradation', async () => {
    const checks = new HealthChecks();
    checks.register({ name: 'postgres', check: () => Promise.resolve({ rows: [] }) });

    expect(await answer(checks)).toMatchObject({ status: 200, body: { status: 'ready' } });
  });

  it('is ready (200) with what an up check noted, e.g. a consumer still joining its group', async () => {
    const checks = new HealthChecks();
    checks.register({
      name: 'org-directory',
      check: () => Promise.resolve(noted('joining for 1.2 s')),
    });

    expect(await answer(checks)).toEqual({
      status: 200,
      body: {
        status: 'ready',
        checks: [
          {
            name: 'org-directory',
            status: 'up',
            latencyMs: expect.any(Number),
            detail: 'joining for 1.2 s',
          },
        ],
      },
    });
  });
});
