import type { PersonStanding, UnitStanding } from '../org-facts';

export type FormChapter = Readonly<{
  type: 'FormChapter';
  chapterId: string;
  tribeId: string;
  name: string;
  /** The shared skill, e.g. "backend", "design". */
  craft: string;
  tribe: UnitStanding;
}>;

export type RenameChapter = Readonly<{ type: 'RenameChapter'; chapterId: string; name: string }>;

export type AppointChapterLead = Readonly<{
  type: 'AppointChapterLead';
  chapterId: string;
  personId: string;
  person: PersonStanding;
}>;

export type DissolveChapter = Readonly<{
  type: 'DissolveChapter';
  chapterId: string;
  reason: string;
}>;

export type ChapterCommand = FormChapter | RenameChapter | AppointChapterLead | DissolveChapter;
