import type { AchievementTemplate } from './types';

/**
 * The core's starter achievements (every organisation gets a copy it may change). Words for 12 to 18 year olds:
 * what they did, in plain words. No ESCO alignment: none of the ESCO skill URIs could be checked from here, and an
 * invented URI is worse than none (docs/ARCHITECTURE.md, "Badges and the CV", "The award rules").
 */
export const CORE_STARTER: AchievementTemplate[] = [
	{
		key: 'took-part',
		kind: 'badge',
		name: { en: 'Took part', de: 'Dabei gewesen', fr: 'J’ai participé' },
		description: {
			en: 'You were there and joined in: you wrote, voted or took part in a session.',
			de: 'Du warst dabei und hast mitgemacht: geschrieben, abgestimmt oder bei einer Session mitgemacht.',
			fr: 'Tu étais là et tu as participé : tu as écrit, voté ou pris part à une session.'
		},
		criteria: {
			en: 'Did at least one thing in the workshop from your phone, such as writing a card, giving a vote or joining a session.',
			de: 'Mindestens eine Sache im Workshop mit dem Handy gemacht, zum Beispiel eine Karte geschrieben, eine Stimme gegeben oder bei einer Session eingecheckt.',
			fr: 'Au moins une chose faite dans l’atelier depuis ton téléphone, par exemple écrire une carte, donner un vote ou rejoindre une session.'
		},
		tags: ['participation'],
		skillArea: 'participation',
		alignment: [],
		rule: { type: 'took_part', params: { min: 1 } },
		requires: [],
		tier: 'standard',
		scope: 'workshop'
	},
	{
		key: 'returning',
		kind: 'badge',
		name: { en: 'Came back', de: 'Wieder dabei', fr: 'De retour' },
		description: {
			en: 'You took part in more than one workshop and brought your backpack along.',
			de: 'Du hast bei mehr als einem Workshop mitgemacht und deinen Rucksack mitgebracht.',
			fr: 'Tu as participé à plus d’un atelier et tu as apporté ton sac à dos.'
		},
		criteria: {
			en: 'Took part in at least 2 workshops, linked to the same backpack.',
			de: 'Bei mindestens 2 Workshops mitgemacht, mit demselben Rucksack verbunden.',
			fr: 'A participé à au moins 2 ateliers, reliés au même sac à dos.'
		},
		tags: ['participation', 'commitment'],
		skillArea: 'participation',
		alignment: [],
		rule: { type: 'workshops', params: { min: 2 } },
		requires: [],
		tier: 'standard',
		scope: 'learner'
	},
	{
		key: 'co-creation',
		kind: 'degree',
		name: { en: 'Co-creation', de: 'Gemeinsam gestalten', fr: 'Co-création' },
		description: {
			en: 'You helped shape ideas together with others: you took part, gave ideas that were kept and gave your votes to other people’s ideas.',
			de: 'Du hast mit anderen zusammen Ideen gestaltet: Du warst dabei, hast Ideen beigetragen, die geblieben sind, und hast den Ideen anderer deine Stimmen gegeben.',
			fr: 'Tu as construit des idées avec d’autres : tu as participé, proposé des idées qui ont été gardées et donné tes votes aux idées des autres.'
		},
		criteria: {
			en: 'Holds three badges: Took part, Idea giver and Feedback giver (they may come from different workshops).',
			de: 'Hat drei Abzeichen: Dabei gewesen, Ideengeber·in und Feedback-Geber·in (sie dürfen aus verschiedenen Workshops sein).',
			fr: 'A trois badges : J’ai participé, Source d’idées et Donneur·se d’avis (ils peuvent venir d’ateliers différents).'
		},
		tags: ['co-creation', 'collaboration'],
		skillArea: 'collaboration',
		alignment: [],
		rule: null,
		requires: ['took-part', 'idea-giver', 'feedback-giver'],
		tier: 'confirm',
		scope: 'learner'
	}
];
