import { Forbidden, identifierProblem, rejectInvalid, textProblem } from '@rhythm/event-sourcing';
import { isSystem } from '../actor';
import type { Command } from '../command';
import type { Unit } from '../directory-facts';
import { objectiveNotFound } from '../directory-facts';
import { clean, instantProblem, limits, streamIdProblem, utc } from '../input-rules';
import type { StoryDrafted } from './story.events';
import type { StoryState } from './story.state';

/** An objective's retrospective, as goals.retrospective-recorded carries it. */
export type Retrospective = Readonly<{
  authorId: string;
  wentWell: string;
  learned: string;
  doDifferently: string;
}>;

export type DraftLessonsLearned = Command<
  'DraftLessonsLearned',
  { objectiveId: string; retrospective: Retrospective; at: string },
  {
    objective:
      | 'no-objective'
      | Readonly<{
          title: string;
          /** The owning unit; none for a company objective. */ unit?: Unit;
        }>;
  }
>;

/** One lessons-learned story per objective: its id follows from the objective (ADR 0042). */
export const lessonsStoryId = (objectiveId: string): string => `lessons-${objectiveId}`;

/**
 * At cycle close the application turns each objective's retrospective into a draft its unit
 * may publish. Closing the cycle again (reopened, re-scored) drafts nothing new: the lead may
 * have edited or withdrawn the first.
 */
export const draftLessonsLearned = (
  command: DraftLessonsLearned,
  state: StoryState,
): StoryDrafted[] => {
  const { data, actor, facts } = command;
  if (facts.objective === 'no-objective') throw objectiveNotFound(data.objectiveId);
  if (!isSystem(actor)) {
    throw new Forbidden('Lessons learned are drafted at cycle close, by the recognition service');
  }
  const retro = data.retrospective;
  rejectInvalid({
    objectiveId: streamIdProblem(data.objectiveId),
    'retrospective.authorId': identifierProblem(retro.authorId),
    'retrospective.wentWell': textProblem(retro.wentWell, limits.storyPart),
    'retrospective.learned': textProblem(retro.learned, limits.storyPart),
    'retrospective.doDifferently': textProblem(retro.doDifferently, limits.storyLesson),
    at: instantProblem(data.at),
  });
  if (state.status !== 'none') return [];
  const { title, unit } = facts.objective;
  const doDifferently = clean(retro.doDifferently);
  return [
    {
      type: 'StoryDrafted',
      data: {
        storyId: lessonsStoryId(data.objectiveId),
        kind: 'lessons-learned',
        about: { kind: 'objective', objectiveId: data.objectiveId },
        ...(unit === undefined ? {} : { unit }),
        authorId: retro.authorId,
        draftedBy: actor.personId,
        helpedBy: { personIds: [], units: [] },
        title: clean(title).slice(0, limits.storyTitle.max),
        whatWasDone: clean(retro.wentWell),
        whatWasLearned:
          doDifferently === ''
            ? clean(retro.learned)
            : `${clean(retro.learned)}\n\n${doDifferently}`.slice(0, limits.storyLesson.max),
        draftedAt: utc(data.at),
      },
    },
  ];
};
