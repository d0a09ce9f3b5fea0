import type { TrainingModule } from './objective-template';

/** Short training material for newcomers, in English and Dutch. */
export const trainingModules: readonly TrainingModule[] = [
  {
    moduleId: 'what-is-an-okr',
    title: { en: 'What is an OKR?', nl: 'Wat is een OKR?' },
    body: {
      en: 'An Objective says where you want to go, in words that inspire. Its Key Results (one to five) say how you will know you got there: each is specific, measurable and due by the end of the cycle.',
      nl: 'Een Objective zegt waar je heen wilt, in woorden die inspireren. De Key Results (één tot vijf) zeggen hoe je weet dat je er bent: elk is specifiek, meetbaar en af aan het eind van de cyclus.',
    },
  },
  {
    moduleId: 'good-key-results',
    title: { en: 'Writing good key results', nl: 'Goede key results schrijven' },
    body: {
      en: 'Measure outcomes, not tasks: "raise NPS from 31 to 41", not "send a survey". Give every key result a start, a target and one owner.',
      nl: 'Meet uitkomsten, geen taken: "NPS van 31 naar 41", niet "een enquête versturen". Geef elk key result een beginwaarde, een doel en één eigenaar.',
    },
  },
  {
    moduleId: 'committed-or-aspirational',
    title: { en: 'Committed or aspirational?', nl: 'Toegezegd of ambitieus?' },
    body: {
      en: 'A committed objective is a promise: the team expects to score 1.0. An aspirational objective stretches: 0.7 already counts as a success.',
      nl: 'Een toegezegd objective is een belofte: het team verwacht 1,0 te scoren. Een ambitieus objective rekt op: 0,7 telt al als succes.',
    },
  },
  {
    moduleId: 'alignment',
    title: {
      en: 'Aligning tribes, squads, chapters and guilds',
      nl: 'Afstemmen tussen tribes, squads, chapters en guilds',
    },
    body: {
      en: 'The squad accountable for an outcome owns its objective and aligns it to the tribe’s. Chapter members contribute to it; guilds follow it and bring insights. Progress rolls up the tree.',
      nl: 'Het squad dat verantwoordelijk is voor een uitkomst is eigenaar van het objective en stemt het af op dat van de tribe. Chapterleden dragen eraan bij; guilds volgen het en brengen inzichten in. Voortgang telt op in de boom.',
    },
  },
  {
    moduleId: 'changing-goals',
    title: { en: 'Changing a goal mid-cycle', nl: 'Een doel halverwege de cyclus aanpassen' },
    body: {
      en: 'Goals may change when the world does. Every change records who, when and why; lowering a target or dropping a key result always needs a reason.',
      nl: 'Doelen mogen veranderen als de wereld verandert. Elke wijziging legt vast wie, wanneer en waarom; een doel verlagen of een key result schrappen vraagt altijd om een reden.',
    },
  },
  {
    moduleId: 'scoring',
    title: { en: 'Scoring at the end of a cycle', nl: 'Scoren aan het eind van een cyclus' },
    body: {
      en: 'Each key result scores 0.0–1.0 from its progress; the objective scores the weighted mean. 0.0–0.3 is red, 0.4–0.6 yellow, 0.7–1.0 green. A lead may override a score, with a reason.',
      nl: 'Elk key result scoort 0,0–1,0 op basis van de voortgang; het objective scoort het gewogen gemiddelde. 0,0–0,3 is rood, 0,4–0,6 geel, 0,7–1,0 groen. Een lead kan een score aanpassen, met een reden.',
    },
  },
];
