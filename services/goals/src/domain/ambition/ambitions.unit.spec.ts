import {
  AlreadyExists,
  Forbidden,
  NotFound,
  RuleViolated,
  ValidationFailed,
} from '@rhythm/event-sourcing';
// Specs only: the domain's own code depends on the kernel alone.
import { DeciderSpecification } from '@rhythm/testing';
import { ann, bob, olga, withFields } from '../testing/actors.fixtures';
import { ambitionDecider } from './ambition.decider';
import type { AmbitionEvent, AmbitionLink } from './ambition.events';
import type { LinkAmbition } from './link-ambition.command';
import type { RecordAmbition } from './record-ambition.command';

const spec = DeciderSpecification.for(ambitionDecider);
const personId = 'bob';
const ambitionId = 'lead-a-team';

const record: RecordAmbition = {
  type: 'RecordAmbition',
  actor: bob,
  data: {
    personId,
    ambitionId,
    kind: 'career',
    title: ' Lead a squad within two years ',
    description: 'Start by owning key results',
  },
};
const recorded: AmbitionEvent = {
  type: 'AmbitionRecorded',
  data: {
    personId,
    ambitionId,
    kind: 'career',
    title: 'Lead a squad within two years',
    description: 'Start by owning key results',
  },
};
const conversion: AmbitionLink = {
  kind: 'key-result',
  objectiveId: 'effortless-checkout',
  keyResultId: 'conversion',
};
const link: LinkAmbition = {
  type: 'LinkAmbition',
  actor: bob,
  data: { personId, ambitionId, link: conversion },
  facts: { targetExists: true, personContributes: true },
};
const linked: AmbitionEvent = {
  type: 'AmbitionLinked',
  data: { personId, ambitionId, link: conversion },
};

describe('Personal ambitions', () => {
  it('a person records an ambition', () => spec.given([]).when(record).then([recorded]));

  it.each([
    ['their lead', ann],
    ['an admin', olga],
  ])('%s cannot record it for them', (_, actor) =>
    spec
      .given([])
      .when({ ...record, actor })
      .thenThrows(Forbidden, /Only the person themselves/),
  );

  it('refuses an ambition id that is taken', () =>
    spec.given([recorded]).when(record).thenThrows(AlreadyExists));

  it('names every field at fault', () =>
    spec
      .given([])
      .when({ ...record, data: { ...record.data, kind: 'hobby' as 'growth', title: '' } })
      .thenThrows(
        ValidationFailed,
        withFields({ kind: 'must be one of growth, career', title: 'must not be empty' }),
      ));

  describe('revise', () => {
    it('records title and description before and after', () =>
      spec
        .given([recorded])
        .when({
          type: 'ReviseAmbition',
          actor: bob,
          data: {
            personId,
            ambitionId,
            title: 'Lead a squad next year',
            description: 'Start by owning key results',
          },
        })
        .then([
          {
            type: 'AmbitionRevised',
            data: {
              personId,
              ambitionId,
              title: { before: 'Lead a squad within two years', after: 'Lead a squad next year' },
              description: {
                before: 'Start by owning key results',
                after: 'Start by owning key results',
              },
            },
          },
        ]));

    it('only by the person', () =>
      spec
        .given([recorded])
        .when({
          type: 'ReviseAmbition',
          actor: ann,
          data: { personId, ambitionId, title: 'x', description: '' },
        })
        .thenThrows(Forbidden));

    it('needs an existing ambition', () =>
      spec
        .given([])
        .when({
          type: 'ReviseAmbition',
          actor: bob,
          data: { personId, ambitionId, title: 'x', description: '' },
        })
        .thenThrows(NotFound));
  });

  describe('link to OKRs', () => {
    it('links to a key result the person contributes to', () =>
      spec.given([recorded]).when(link).then([linked]));

    it('links to an objective', () =>
      spec
        .given([recorded])
        .when({
          ...link,
          data: {
            personId,
            ambitionId,
            link: { kind: 'objective', objectiveId: 'effortless-checkout' },
          },
        })
        .then([
          {
            type: 'AmbitionLinked',
            data: {
              personId,
              ambitionId,
              link: { kind: 'objective', objectiveId: 'effortless-checkout' },
            },
          },
        ]));

    it('refuses a link that exists', () =>
      spec.given([recorded, linked]).when(link).thenThrows(AlreadyExists));

    it('only to OKRs the person contributes to', () =>
      spec
        .given([recorded])
        .when({ ...link, facts: { targetExists: true, personContributes: false } })
        .thenThrows(RuleViolated, withFields({ link: 'not a contributor' })));

    it('needs the key result to exist', () =>
      spec
        .given([recorded])
        .when({ ...link, facts: { targetExists: false, personContributes: false } })
        .thenThrows(NotFound, /Key result conversion not found/));

    it('answers for an objective the person may no longer see as for a missing one, linked or not', () =>
      spec
        .given([recorded, linked])
        .when({ ...link, facts: { targetExists: false, personContributes: false } })
        .thenThrows(NotFound, 'Key result conversion not found on objective effortless-checkout'));

    it('only by the person', () =>
      spec
        .given([recorded])
        .when({ ...link, actor: ann })
        .thenThrows(Forbidden));

    it('unlinks', () =>
      spec
        .given([recorded, linked])
        .when({
          type: 'UnlinkAmbition',
          actor: bob,
          data: { personId, ambitionId, link: conversion },
        })
        .then([{ type: 'AmbitionUnlinked', data: { personId, ambitionId, link: conversion } }]));

    it('cannot unlink what is not linked', () =>
      spec
        .given([recorded])
        .when({
          type: 'UnlinkAmbition',
          actor: bob,
          data: { personId, ambitionId, link: conversion },
        })
        .thenThrows(NotFound));
  });

  describe('close', () => {
    const close = {
      type: 'CloseAmbition',
      actor: bob,
      data: {
        personId,
        ambitionId,
        outcome: 'realised',
        note: 'Product owner of Wallet since May',
      },
    } as const;
    const closed: AmbitionEvent = {
      type: 'AmbitionClosed',
      data: {
        personId,
        ambitionId,
        outcome: 'realised',
        note: 'Product owner of Wallet since May',
      },
    };

    it('realises an ambition', () => spec.given([recorded, linked]).when(close).then([closed]));

    it('does nothing when closed the same way already', () =>
      spec.given([recorded, closed]).when(close).thenNothingHappens());

    it('a closed ambition is no longer linked or revised', () =>
      spec
        .given([recorded, closed])
        .when(link)
        .thenThrows(RuleViolated, /the ambition is realised/));

    it('refuses an unknown outcome', () =>
      spec
        .given([recorded])
        .when({ ...close, data: { ...close.data, outcome: 'dropped' as 'realised' } })
        .thenThrows(
          ValidationFailed,
          withFields({ outcome: 'must be one of realised, set-aside' }),
        ));
  });
});
