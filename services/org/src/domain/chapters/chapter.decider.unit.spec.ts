import {
  AlreadyExists,
  Forbidden,
  NotFound,
  RuleViolated,
  ValidationFailed,
} from '@rhythm/event-sourcing';
// Specs only: the domain's own code depends on the kernel alone.
import { DeciderSpecification } from '@rhythm/testing';
import type { Actor, TribeFacts } from '../org-facts';
import { chapterDecider } from './chapter.decider';
import type { ChapterDissolved, ChapterFormed, ChapterLeadAppointed } from './chapter.events';

const spec = DeciderSpecification.for(chapterDecider);
const chapterId = 'backend-payments';
const admin: Actor = { personId: 'root', isAdmin: true };
const member = (personId: string): Actor => ({ personId, isAdmin: false });
/** Tara leads Payments, the chapter's tribe. */
const byAdmin = { actor: admin, tribeLeadId: 'tara' } as const;
const tribe = (standing: TribeFacts['standing'], leadId: string | null = 'tara'): TribeFacts => ({
  standing,
  leadId,
});
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
      tribe: tribe('active'),
      actor: admin,
    } as const;

    it('forms a chapter within a tribe, for a craft', () =>
      spec.given([]).when(form).then([formed]));

    it('refuses a chapter id that is taken', () =>
      spec.given([formed]).when(form).thenThrows(AlreadyExists));

    it('needs an existing tribe', () =>
      spec
        .given([])
        .when({ ...form, tribe: tribe('unknown', null) })
        .thenThrows(NotFound, /Tribe payments/));

    it('cannot be formed in a dissolved tribe', () =>
      spec
        .given([])
        .when({ ...form, tribe: tribe('dissolved', null) })
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
        .when({ type: 'RenameChapter', chapterId, name: 'Backend engineering', ...byAdmin })
        .then([
          {
            type: 'ChapterRenamed',
            data: { chapterId, name: 'Backend engineering', previousName: 'Backend' },
          },
        ]));

    it('does nothing when unchanged', () =>
      spec
        .given([formed])
        .when({ type: 'RenameChapter', chapterId, name: 'Backend', ...byAdmin })
        .thenNothingHappens());

    it('cannot rename an unknown chapter', () =>
      spec
        .given([])
        .when({ type: 'RenameChapter', chapterId, name: 'x', ...byAdmin })
        .thenThrows(NotFound));
  });

  describe('appoint the chapter lead', () => {
    const appoint = {
      type: 'AppointChapterLead',
      chapterId,
      personId: 'ann',
      person: 'in-organisation',
      ...byAdmin,
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
      ...byAdmin,
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

  describe('powers: an admin, the lead of the chapter’s tribe, and for a rename the chapter lead', () => {
    const tara = member('tara');
    const ann = member('ann'); // the chapter lead (leadAppointed)
    const rename = { type: 'RenameChapter', chapterId, name: 'Platform', ...byAdmin } as const;
    const renamed = {
      type: 'ChapterRenamed',
      data: { chapterId, name: 'Platform', previousName: 'Backend' },
    } as const;

    it('lets the tribe lead form a chapter in their tribe, and no one else', () => {
      const form = {
        type: 'FormChapter',
        chapterId,
        tribeId: 'payments',
        name: 'Backend',
        craft: 'backend',
        tribe: tribe('active'),
        actor: tara,
      } as const;
      spec.given([]).when(form).then([formed]);
      spec
        .given([])
        .when({ ...form, actor: ann })
        .thenThrows(
          Forbidden,
          'Only an admin or the tribe lead may form chapters in tribe payments',
        );
    });

    it('lets the tribe lead and the chapter lead rename it', () => {
      spec
        .given([formed, leadAppointed])
        .when({ ...rename, actor: tara })
        .then([renamed]);
      spec
        .given([formed, leadAppointed])
        .when({ ...rename, actor: ann })
        .then([renamed]);
    });

    it('refuses the lead of another chapter', () =>
      spec
        .given([formed, leadAppointed])
        .when({ ...rename, actor: member('dora') })
        .thenThrows(
          Forbidden,
          `Only an admin, the tribe lead or the chapter lead may rename chapter ${chapterId}`,
        ));

    it('lets the tribe lead, not the chapter lead, appoint the lead and dissolve', () => {
      const appoint = {
        type: 'AppointChapterLead',
        chapterId,
        personId: 'bob',
        person: 'in-organisation',
        ...byAdmin,
      } as const;
      const dissolve = {
        type: 'DissolveChapter',
        chapterId,
        reason: 'merged',
        ...byAdmin,
      } as const;
      spec
        .given([formed, leadAppointed])
        .when({ ...appoint, actor: tara })
        .then([
          {
            type: 'ChapterLeadAppointed',
            data: { chapterId, personId: 'bob', previousLeadId: 'ann' },
          },
        ]);
      spec
        .given([formed, leadAppointed])
        .when({ ...appoint, actor: ann })
        .thenThrows(Forbidden);
      spec
        .given([formed, leadAppointed])
        .when({ ...dissolve, actor: tara })
        .then([{ type: 'ChapterDissolved', data: { chapterId, reason: 'merged' } }]);
      spec
        .given([formed, leadAppointed])
        .when({ ...dissolve, actor: ann })
        .thenThrows(Forbidden);
    });

    it('answers an unknown chapter with 404 before any power is weighed', () =>
      spec
        .given([])
        .when({ ...rename, actor: member('bob') })
        .thenThrows(NotFound));
  });
});
