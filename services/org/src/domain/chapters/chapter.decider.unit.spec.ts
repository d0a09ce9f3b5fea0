import { AlreadyExists, NotFound, RuleViolated, ValidationFailed } from '@rhythm/event-sourcing';
// Specs only: the domain's own code depends on the kernel alone.
import { DeciderSpecification } from '@rhythm/testing';
import { chapterDecider } from './chapter.decider';
import type { ChapterDissolved, ChapterFormed, ChapterLeadAppointed } from './chapter.events';

const spec = DeciderSpecification.for(chapterDecider);
const chapterId = 'backend-payments';
const formed: ChapterFormed = {
  type: 'ChapterFormed',
  data: { chapterId, tribeId: 'payments', name: 'Backend', craft: 'backend' },
};
const leadAppointed: ChapterLeadAppointed = {
  type: 'ChapterLeadAppointed',
  data: { chapterId, personId: 'ann', previousLeadId: null },
};
const dissolved: ChapterDissolved = {
  type: 'ChapterDissolved',
  data: { chapterId, reason: 'merged into platform' },
};

describe('Chapter', () => {
  describe('form', () => {
    const form = {
      type: 'FormChapter',
      chapterId,
      tribeId: 'payments',
      name: 'Backend',
      craft: ' backend ',
      tribe: 'active',
    } as const;

    it('forms a chapter within a tribe, for a craft', () =>
      spec.given([]).when(form).then([formed]));

    it('refuses a chapter id that is taken', () =>
      spec.given([formed]).when(form).thenThrows(AlreadyExists));

    it('needs an existing tribe', () =>
      spec
        .given([])
        .when({ ...form, tribe: 'unknown' })
        .thenThrows(NotFound, /Tribe payments/));

    it('cannot be formed in a dissolved tribe', () =>
      spec
        .given([])
        .when({ ...form, tribe: 'dissolved' })
        .thenThrows(RuleViolated));

    it('requires a name and a craft', () =>
      spec
        .given([])
        .when({ ...form, name: '', craft: '' })
        .thenThrows(ValidationFailed, (error) =>
          expect((error as ValidationFailed).fields).toEqual({
            name: 'must not be empty',
            craft: 'must not be empty',
          }),
        ));
  });

  describe('rename', () => {
    it('records the previous name', () =>
      spec
        .given([formed])
        .when({ type: 'RenameChapter', chapterId, name: 'Backend engineering' })
        .then([
          {
            type: 'ChapterRenamed',
            data: { chapterId, name: 'Backend engineering', previousName: 'Backend' },
          },
        ]));

    it('does nothing when unchanged', () =>
      spec
        .given([formed])
        .when({ type: 'RenameChapter', chapterId, name: 'Backend' })
        .thenNothingHappens());

    it('cannot rename an unknown chapter', () =>
      spec.given([]).when({ type: 'RenameChapter', chapterId, name: 'x' }).thenThrows(NotFound));
  });

  describe('appoint the chapter lead', () => {
    const appoint = {
      type: 'AppointChapterLead',
      chapterId,
      personId: 'ann',
      person: 'in-organisation',
    } as const;

    it('appoints a lead', () => spec.given([formed]).when(appoint).then([leadAppointed]));

    it('replaces the lead', () =>
      spec
        .given([formed, leadAppointed])
        .when({ ...appoint, personId: 'bob' })
        .then([
          {
            type: 'ChapterLeadAppointed',
            data: { chapterId, personId: 'bob', previousLeadId: 'ann' },
          },
        ]));

    it('does nothing when already the lead', () =>
      spec.given([formed, leadAppointed]).when(appoint).thenNothingHappens());

    it('refuses a person who left', () =>
      spec
        .given([formed])
        .when({ ...appoint, person: 'left' })
        .thenThrows(RuleViolated));

    it('refuses a dissolved chapter', () =>
      spec
        .given([formed, dissolved])
        .when(appoint)
        .thenThrows(RuleViolated, /dissolved/));
  });

  describe('dissolve', () => {
    const dissolve = {
      type: 'DissolveChapter',
      chapterId,
      reason: 'merged into platform',
    } as const;

    it('dissolves with a reason', () => spec.given([formed]).when(dissolve).then([dissolved]));

    it('needs a reason', () =>
      spec
        .given([formed])
        .when({ ...dissolve, reason: '' })
        .thenThrows(ValidationFailed));

    it('cannot dissolve twice', () =>
      spec.given([formed, dissolved]).when(dissolve).thenThrows(RuleViolated));
  });
});
