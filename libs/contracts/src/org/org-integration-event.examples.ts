/**
 * One example `data` per org integration event (keyed by type): checked against the schemas in
 * the contract tests and printed in docs/events/org.md.
 */
export const orgIntegrationEventExamples: Readonly<Record<string, Record<string, unknown>>> = {
  'org.organisation-established': { organisationId: 'acme', name: 'Acme' },
  'org.organisation-renamed': { organisationId: 'acme', name: 'Acme Group', previousName: 'Acme' },
  'org.person-joined': { personId: '5b1c0d3e-1f0a-4c1e-9a57-2f4f3b1a9e01', name: 'Ann Smith' },
  'org.person-profile-updated': {
    personId: '5b1c0d3e-1f0a-4c1e-9a57-2f4f3b1a9e01',
    name: 'Ann Jones',
  },
  'org.person-left': { personId: '5b1c0d3e-1f0a-4c1e-9a57-2f4f3b1a9e01', reason: 'moved abroad' },
  'org.person-erased': { personId: '5b1c0d3e-1f0a-4c1e-9a57-2f4f3b1a9e01' },
  'org.person-joined-squad': {
    personId: '5b1c0d3e-1f0a-4c1e-9a57-2f4f3b1a9e01',
    squadId: '0c8f4b7e-9d43-4d57-8a0e-6f0c3c1d2b11',
    previousSquadId: null,
  },
  'org.person-left-squad': {
    personId: '5b1c0d3e-1f0a-4c1e-9a57-2f4f3b1a9e01',
    squadId: '0c8f4b7e-9d43-4d57-8a0e-6f0c3c1d2b11',
    cause: 'requested',
  },
  'org.person-joined-chapter': {
    personId: '5b1c0d3e-1f0a-4c1e-9a57-2f4f3b1a9e01',
    chapterId: 'b7e2a9c4-3f61-4e0b-9d2c-7a1f5e3c8d21',
    tribeId: 'e4d3c2b1-a0f9-4e8d-8c7b-6a5f4e3d2c31',
  },
  'org.person-left-chapter': {
    personId: '5b1c0d3e-1f0a-4c1e-9a57-2f4f3b1a9e01',
    chapterId: 'b7e2a9c4-3f61-4e0b-9d2c-7a1f5e3c8d21',
    cause: 'moved-to-another-tribe',
  },
  'org.person-joined-guild': {
    personId: '5b1c0d3e-1f0a-4c1e-9a57-2f4f3b1a9e01',
    guildId: '9f8e7d6c-5b4a-4392-8180-7f6e5d4c3b41',
  },
  'org.person-left-guild': {
    personId: '5b1c0d3e-1f0a-4c1e-9a57-2f4f3b1a9e01',
    guildId: '9f8e7d6c-5b4a-4392-8180-7f6e5d4c3b41',
    cause: 'left-organisation',
  },
  'org.tribe-formed': {
    tribeId: 'e4d3c2b1-a0f9-4e8d-8c7b-6a5f4e3d2c31',
    name: 'Payments',
    mission: 'Money moves safely',
  },
  'org.tribe-renamed': {
    tribeId: 'e4d3c2b1-a0f9-4e8d-8c7b-6a5f4e3d2c31',
    name: 'Payments & Billing',
    previousName: 'Payments',
  },
  'org.tribe-lead-appointed': {
    tribeId: 'e4d3c2b1-a0f9-4e8d-8c7b-6a5f4e3d2c31',
    personId: '5b1c0d3e-1f0a-4c1e-9a57-2f4f3b1a9e01',
    previousLeadId: null,
  },
  'org.tribe-dissolved': {
    tribeId: 'e4d3c2b1-a0f9-4e8d-8c7b-6a5f4e3d2c31',
    reason: 'merged into Commerce',
  },
  'org.squad-formed': {
    squadId: '0c8f4b7e-9d43-4d57-8a0e-6f0c3c1d2b11',
    tribeId: 'e4d3c2b1-a0f9-4e8d-8c7b-6a5f4e3d2c31',
    name: 'Checkout',
    mission: 'One-click pay',
    formedAt: '2026-01-05T09:00:00.000Z',
  },
  'org.squad-renamed': {
    squadId: '0c8f4b7e-9d43-4d57-8a0e-6f0c3c1d2b11',
    name: 'Wallet',
    previousName: 'Checkout',
  },
  'org.product-owner-appointed': {
    squadId: '0c8f4b7e-9d43-4d57-8a0e-6f0c3c1d2b11',
    personId: '5b1c0d3e-1f0a-4c1e-9a57-2f4f3b1a9e01',
    previousProductOwnerId: null,
  },
  'org.squad-moved': {
    squadId: '0c8f4b7e-9d43-4d57-8a0e-6f0c3c1d2b11',
    fromTribeId: 'e4d3c2b1-a0f9-4e8d-8c7b-6a5f4e3d2c31',
    toTribeId: '1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c51',
    effectiveAt: '2026-02-01T00:00:00.000Z',
  },
  'org.squad-dissolved': {
    squadId: '0c8f4b7e-9d43-4d57-8a0e-6f0c3c1d2b11',
    reason: 'mission accomplished',
  },
  'org.chapter-formed': {
    chapterId: 'b7e2a9c4-3f61-4e0b-9d2c-7a1f5e3c8d21',
    tribeId: 'e4d3c2b1-a0f9-4e8d-8c7b-6a5f4e3d2c31',
    name: 'Backend',
    craft: 'backend',
  },
  'org.chapter-renamed': {
    chapterId: 'b7e2a9c4-3f61-4e0b-9d2c-7a1f5e3c8d21',
    name: 'Backend engineering',
    previousName: 'Backend',
  },
  'org.chapter-lead-appointed': {
    chapterId: 'b7e2a9c4-3f61-4e0b-9d2c-7a1f5e3c8d21',
    personId: '5b1c0d3e-1f0a-4c1e-9a57-2f4f3b1a9e01',
    previousLeadId: null,
  },
  'org.chapter-dissolved': {
    chapterId: 'b7e2a9c4-3f61-4e0b-9d2c-7a1f5e3c8d21',
    reason: 'merged into Platform',
  },
  'org.guild-formed': {
    guildId: '9f8e7d6c-5b4a-4392-8180-7f6e5d4c3b41',
    name: 'Web',
    interest: 'Web performance',
  },
  'org.guild-renamed': {
    guildId: '9f8e7d6c-5b4a-4392-8180-7f6e5d4c3b41',
    name: 'Frontend',
    previousName: 'Web',
  },
  'org.guild-coordinator-added': {
    guildId: '9f8e7d6c-5b4a-4392-8180-7f6e5d4c3b41',
    personId: '5b1c0d3e-1f0a-4c1e-9a57-2f4f3b1a9e01',
  },
  'org.guild-coordinator-removed': {
    guildId: '9f8e7d6c-5b4a-4392-8180-7f6e5d4c3b41',
    personId: '5b1c0d3e-1f0a-4c1e-9a57-2f4f3b1a9e01',
  },
  'org.guild-dissolved': {
    guildId: '9f8e7d6c-5b4a-4392-8180-7f6e5d4c3b41',
    reason: 'nobody came',
  },
};
