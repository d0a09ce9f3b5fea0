import {
  AlreadyExists,
  NotFound,
  RuleViolated,
  assertNever,
  type Decider,
  rejectInvalid,
  textProblem,
} from '@rhythm/event-sourcing';
import { limits } from '../field-rules';
import { assertMayLead } from '../leadership.rule';
import { assertPower } from '../org-powers';
import { assertActiveUnit } from '../unit-standing.rule';
import type { ChapterCommand } from './chapter.commands';
import type { ChapterEvent } from './chapter.events';

export type ChapterState =
  | Readonly<{ status: 'unknown' }>
  | Readonly<{
      status: 'active';
      chapterId: string;
      tribeId: string;
      name: string;
      leadId: string | null;
    }>
  | Readonly<{ status: 'dissolved'; chapterId: string; tribeId: string }>;

type ActiveChapter = Extract<ChapterState, { status: 'active' }>;

const activeChapter = (state: ChapterState, chapterId: string): ActiveChapter => {
  if (state.status === 'unknown') throw new NotFound(`Chapter ${chapterId} not found`);
  if (state.status === 'dissolved') throw new RuleViolated(`Chapter ${chapterId} is dissolved`);
  return state;
};

/** Who holds powers over the chapter: its tribe's lead and its own lead. */
const powersOver = (chapter: ActiveChapter, { tribeLeadId }: { tribeLeadId: string | null }) => ({
  'tribe lead': tribeLeadId,
  'chapter lead': chapter.leadId,
});

const decide = (command: ChapterCommand, state: ChapterState): readonly ChapterEvent[] => {
  switch (command.type) {
    case 'FormChapter': {
      if (state.status !== 'unknown') {
        throw new AlreadyExists(`Chapter ${command.chapterId} exists`);
      }
      assertActiveUnit('Tribe', command.tribeId, command.tribe.standing);
      assertPower(
        command.actor,
        command.type,
        { 'tribe lead': command.tribe.leadId },
        `tribe ${command.tribeId}`,
      );
      rejectInvalid({
        name: textProblem(command.name, limits.name),
        craft: textProblem(command.craft, limits.craft),
      });
      return [
        {
          type: 'ChapterFormed',
          data: {
            chapterId: command.chapterId,
            tribeId: command.tribeId,
            name: command.name.trim(),
            craft: command.craft.trim(),
          },
        },
      ];
    }
    case 'RenameChapter': {
      const chapter = activeChapter(state, command.chapterId);
      assertPower(
        command.actor,
        command.type,
        powersOver(chapter, command),
        `chapter ${chapter.chapterId}`,
      );
      rejectInvalid({ name: textProblem(command.name, limits.name) });
      const name = command.name.trim();
      if (name === chapter.name) return [];
      return [
        {
          type: 'ChapterRenamed',
          data: { chapterId: chapter.chapterId, name, previousName: chapter.name },
        },
      ];
    }
    case 'AppointChapterLead': {
      const chapter = activeChapter(state, command.chapterId);
      assertPower(
        command.actor,
        command.type,
        powersOver(chapter, command),
        `chapter ${chapter.chapterId}`,
      );
      assertMayLead(command.personId, command.person, 'chapter lead');
      if (chapter.leadId === command.personId) return [];
      return [
        {
          type: 'ChapterLeadAppointed',
          data: {
            chapterId: chapter.chapterId,
            personId: command.personId,
            previousLeadId: chapter.leadId,
          },
        },
      ];
    }
    case 'DissolveChapter': {
      const chapter = activeChapter(state, command.chapterId);
      assertPower(
        command.actor,
        command.type,
        powersOver(chapter, command),
        `chapter ${chapter.chapterId}`,
      );
      rejectInvalid({ reason: textProblem(command.reason, limits.reason) });
      return [
        {
          type: 'ChapterDissolved',
          data: { chapterId: chapter.chapterId, reason: command.reason.trim() },
        },
      ];
    }
    default:
      return assertNever(command);
  }
};

const evolve = (state: ChapterState, event: ChapterEvent): ChapterState => {
  switch (event.type) {
    case 'ChapterFormed':
      return {
        status: 'active',
        chapterId: event.data.chapterId,
        tribeId: event.data.tribeId,
        name: event.data.name,
        leadId: null,
      };
    case 'ChapterRenamed':
      return state.status === 'active' ? { ...state, name: event.data.name } : state;
    case 'ChapterLeadAppointed':
      return state.status === 'active' ? { ...state, leadId: event.data.personId } : state;
    case 'ChapterDissolved':
      return state.status === 'active'
        ? { status: 'dissolved', chapterId: state.chapterId, tribeId: state.tribeId }
        : state;
    default:
      return assertNever(event);
  }
};

export const chapterDecider: Decider<ChapterCommand, ChapterState, ChapterEvent> = {
  decide,
  evolve,
  initialState: () => ({ status: 'unknown' }),
};
