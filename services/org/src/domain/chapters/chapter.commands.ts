import type { Actor, PersonStanding, TribeFacts } from '../org-facts';

/**
 * `tribeLeadId` is who leads the chapter's tribe as the handler read it (ADR 0031): with the
 * chapter's own lead, who holds powers over it besides an admin.
 */
type ChapterPowers = Readonly<{ actor: Actor; tribeLeadId: string | null }>;

export type FormChapter = Readonly<{
  type: 'FormChapter';
  chapterId: string;
  tribeId: string;
  name: string;
  /** The shared skill, e.g. "backend", "design". */
  craft: string;
  tribe: TribeFacts;
  actor: Actor;
}>;

export type RenameChapter = Readonly<{ type: 'RenameChapter'; chapterId: string; name: string }> &
  ChapterPowers;

export type AppointChapterLead = Readonly<{
  type: 'AppointChapterLead';
  chapterId: string;
  personId: string;
  person: PersonStanding;
}> &
  ChapterPowers;

export type DissolveChapter = Readonly<{
  type: 'DissolveChapter';
  chapterId: string;
  reason: string;
}> &
  ChapterPowers;

export type ChapterCommand = FormChapter | RenameChapter | AppointChapterLead | DissolveChapter;
