import type { ObjectiveTemplate } from './objective-template';

/**
 * The library of objective templates: worked examples a team starts from, in English and Dutch.
 * Domain data, versioned with the code; a template produces the normal commands
 * (objective-from-template.ts), so every rule applies to what it creates.
 */
export const objectiveTemplates: readonly ObjectiveTemplate[] = [
  {
    templateId: 'improve-customer-satisfaction',
    category: 'customers',
    title: { en: 'Improve customer satisfaction', nl: 'Klanttevredenheid verbeteren' },
    description: {
      en: 'Customers recommend us because we solve their problems quickly and well.',
      nl: 'Klanten bevelen ons aan omdat we hun problemen snel en goed oplossen.',
    },
    suggestedKind: 'committed',
    keyResults: [
      {
        title: { en: 'Raise NPS by 10 points', nl: 'NPS met 10 punten verhogen' },
        metric: { type: 'number', unit: 'points', direction: 'increase' },
        target: { kind: 'by', amount: 10 },
        weight: 2,
      },
      {
        title: {
          en: 'Cut support first-response time by 20%',
          nl: 'Eerste reactietijd van support met 20% verkorten',
        },
        metric: { type: 'number', unit: 'hours', direction: 'decrease' },
        target: { kind: 'by-percent', percent: 20 },
        weight: 1,
      },
      {
        title: {
          en: 'Lower monthly churn by 1 percentage point',
          nl: 'Maandelijks klantverloop met 1 procentpunt verlagen',
        },
        metric: { type: 'percentage', unit: '%', direction: 'decrease' },
        target: { kind: 'by', amount: 1 },
        weight: 1,
      },
    ],
    guidance: {
      en: 'Measure the baseline before the cycle starts; a key result without a baseline cannot show progress.',
      nl: 'Meet de beginwaarde voordat de cyclus start; een key result zonder beginwaarde laat geen voortgang zien.',
    },
  },
  {
    templateId: 'ship-faster',
    category: 'delivery',
    title: { en: 'Get value to customers faster', nl: 'Sneller waarde leveren aan klanten' },
    description: {
      en: 'Small changes reach production the day they are ready.',
      nl: 'Kleine wijzigingen staan in productie op de dag dat ze klaar zijn.',
    },
    suggestedKind: 'aspirational',
    keyResults: [
      {
        title: {
          en: 'Cut lead time for changes by 30%',
          nl: 'Doorlooptijd van wijzigingen met 30% verkorten',
        },
        metric: { type: 'number', unit: 'days', direction: 'decrease' },
        target: { kind: 'by-percent', percent: 30 },
        weight: 2,
      },
      {
        title: {
          en: 'Deploy 50% more often',
          nl: '50% vaker uitrollen',
        },
        metric: { type: 'number', unit: 'deploys per week', direction: 'increase' },
        target: { kind: 'by-percent', percent: 50 },
        weight: 1,
      },
      {
        title: {
          en: 'Every service deploys from its main branch',
          nl: 'Elke service wordt uitgerold vanaf de hoofdbranch',
        },
        metric: { type: 'milestone', unit: '', direction: 'increase' },
        target: { kind: 'to', target: 1 },
        weight: 1,
      },
    ],
    guidance: {
      en: 'Aspirational: 0.7 is a success. Pick outcomes the squad controls, not the output of other teams.',
      nl: 'Ambitieus: 0,7 is een succes. Kies uitkomsten die het squad zelf in de hand heeft, niet het werk van andere teams.',
    },
  },
  {
    templateId: 'reliable-product',
    category: 'quality',
    title: {
      en: 'Build a product customers can rely on',
      nl: 'Een product bouwen waarop klanten kunnen vertrouwen',
    },
    description: {
      en: 'Fewer incidents, and when one happens we recover before customers notice.',
      nl: 'Minder incidenten, en als er een is herstellen we voordat klanten het merken.',
    },
    suggestedKind: 'committed',
    keyResults: [
      {
        title: {
          en: 'Cut production incidents by 40%',
          nl: 'Productie-incidenten met 40% verminderen',
        },
        metric: { type: 'number', unit: 'incidents per month', direction: 'decrease' },
        target: { kind: 'by-percent', percent: 40 },
        weight: 2,
      },
      {
        title: { en: 'Reach 99.9% availability', nl: '99,9% beschikbaarheid halen' },
        metric: { type: 'percentage', unit: '%', direction: 'increase' },
        target: { kind: 'to', target: 99.9 },
        weight: 2,
      },
      {
        title: {
          en: 'Recover from incidents twice as fast',
          nl: 'Twee keer zo snel herstellen van incidenten',
        },
        metric: { type: 'number', unit: 'minutes', direction: 'decrease' },
        target: { kind: 'by-percent', percent: 50 },
        weight: 1,
      },
    ],
    guidance: {
      en: 'Committed: the team expects to reach 1.0. If that is in doubt, make it aspirational instead of padding the target.',
      nl: 'Toegezegd: het team verwacht 1,0 te halen. Twijfel je daaraan, maak het dan ambitieus in plaats van het doel te verlagen.',
    },
  },
  {
    templateId: 'grow-recurring-revenue',
    category: 'growth',
    title: { en: 'Grow recurring revenue', nl: 'Terugkerende omzet laten groeien' },
    description: {
      en: 'More customers stay with us and pay for what we build.',
      nl: 'Meer klanten blijven bij ons en betalen voor wat we bouwen.',
    },
    suggestedKind: 'aspirational',
    keyResults: [
      {
        title: {
          en: 'Increase monthly recurring revenue by 15%',
          nl: 'Maandelijks terugkerende omzet met 15% verhogen',
        },
        metric: { type: 'currency', unit: 'EUR', direction: 'increase' },
        target: { kind: 'by-percent', percent: 15 },
        weight: 2,
      },
      {
        title: {
          en: 'Raise trial-to-paid conversion by 5 percentage points',
          nl: 'Conversie van proefperiode naar betaald met 5 procentpunt verhogen',
        },
        metric: { type: 'percentage', unit: '%', direction: 'increase' },
        target: { kind: 'by', amount: 5 },
        weight: 1,
      },
    ],
    guidance: {
      en: 'Revenue is a lagging indicator: pair it with a key result the squad can move within weeks.',
      nl: 'Omzet is een achterlopende indicator: combineer hem met een key result dat het squad binnen weken kan beïnvloeden.',
    },
  },
  {
    templateId: 'engaged-team',
    category: 'people',
    title: { en: 'Grow an engaged, learning team', nl: 'Een betrokken, lerend team laten groeien' },
    description: {
      en: 'People enjoy their work and get better at it every cycle.',
      nl: 'Mensen hebben plezier in hun werk en worden er elke cyclus beter in.',
    },
    suggestedKind: 'aspirational',
    keyResults: [
      {
        title: { en: 'Raise eNPS by 15 points', nl: 'eNPS met 15 punten verhogen' },
        metric: { type: 'number', unit: 'points', direction: 'increase' },
        target: { kind: 'by', amount: 15 },
        weight: 1,
      },
      {
        title: {
          en: 'Every member reaches one personal learning goal',
          nl: 'Ieder teamlid haalt één persoonlijk leerdoel',
        },
        metric: { type: 'percentage', unit: '%', direction: 'increase' },
        target: { kind: 'to', target: 100 },
        weight: 1,
      },
    ],
    guidance: {
      en: 'Link personal ambitions to this objective so growth is visible in the work itself.',
      nl: 'Koppel persoonlijke ambities aan dit objective, zodat groei zichtbaar wordt in het werk zelf.',
    },
  },
  {
    templateId: 'raise-the-craft',
    category: 'craft',
    title: { en: 'Raise the craft of our chapter', nl: 'Het vakmanschap van ons chapter verhogen' },
    description: {
      en: 'Everyone in the chapter builds with the same high standards, whichever squad they are in.',
      nl: 'Iedereen in het chapter werkt met dezelfde hoge standaard, in welk squad ze ook zitten.',
    },
    suggestedKind: 'committed',
    keyResults: [
      {
        title: {
          en: 'Raise automated test coverage by 15 percentage points',
          nl: 'Geautomatiseerde testdekking met 15 procentpunt verhogen',
        },
        metric: { type: 'percentage', unit: '%', direction: 'increase' },
        target: { kind: 'by', amount: 15 },
        weight: 1,
      },
      {
        title: {
          en: 'Run 6 knowledge-sharing sessions',
          nl: '6 kennissessies organiseren',
        },
        metric: { type: 'number', unit: 'sessions', direction: 'increase' },
        target: { kind: 'by', amount: 6 },
        weight: 1,
      },
    ],
    guidance: {
      en: 'Chapter objectives are about craft; the squads own the product outcomes. Chapter members can also join squad objectives as contributors.',
      nl: 'Chapter-objectives gaan over vakmanschap; de squads zijn eigenaar van de productuitkomsten. Chapterleden kunnen ook als bijdrager aansluiten bij squad-objectives.',
    },
  },
];
