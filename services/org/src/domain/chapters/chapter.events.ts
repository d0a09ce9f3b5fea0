import type { Event } from '@rhythm/event-sourcing';

/** A chapter lives within one tribe for its whole life: chapters do not move. */
export type ChapterFormed = Event<
  'ChapterFormed',
  { chapterId: string; tribeId: string; name: string; craft: string }
>;

export type ChapterRenamed = Event<
  'ChapterRenamed',
  { chapterId: string; name: string; previousName: string }
>;

export type ChapterLeadAppointed = Event<
  'ChapterLeadAppointed',
  { chapterId: string; personId: string; previousLeadId: string | null }
>;

/** Ends every membership of the chapter at the same moment (ADR 0010). */
export type ChapterDissolved = Event<'ChapterDissolved', { chapterId: string; reason: string }>;

export type ChapterEvent = ChapterFormed | ChapterRenamed | ChapterLeadAppointed | ChapterDissolved;
