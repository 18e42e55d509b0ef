import { cleanTitle } from './title';
import { ok, refuse, type Result } from './result';

export const NICKNAME_MAX_LENGTH = 24;

/**
 * Word lists per language. German and French adjectives agree with their noun, so every animal in a list has the same
 * gender (masculine) and the adjectives are inflected for it; French puts the adjective after the noun.
 */
const WORDS = {
	en: {
		adjectives: ['Blue', 'Swift', 'Bright', 'Calm', 'Clever', 'Brave', 'Lucky', 'Sunny', 'Quiet', 'Bold', 'Happy', 'Green'],
		animals: ['Fox', 'Otter', 'Lynx', 'Panda', 'Koala', 'Falcon', 'Dolphin', 'Tiger', 'Heron', 'Badger', 'Gecko', 'Owl'],
		adjectiveFirst: true
	},
	de: {
		adjectives: ['Blauer', 'Flinker', 'Heller', 'Ruhiger', 'Kluger', 'Mutiger', 'Lässiger', 'Sonniger', 'Leiser', 'Kühner', 'Fröhlicher', 'Grüner'],
		animals: ['Fuchs', 'Otter', 'Luchs', 'Panda', 'Koala', 'Falke', 'Delfin', 'Tiger', 'Reiher', 'Dachs', 'Gecko', 'Uhu'],
		adjectiveFirst: true
	},
	fr: {
		adjectives: ['bleu', 'rapide', 'brillant', 'calme', 'malin', 'courageux', 'chanceux', 'joyeux', 'discret', 'audacieux', 'rêveur', 'vert'],
		animals: ['Renard', 'Castor', 'Lynx', 'Panda', 'Koala', 'Faucon', 'Dauphin', 'Tigre', 'Héron', 'Blaireau', 'Gecko', 'Hibou'],
		adjectiveFirst: false
	}
} as const;

/** The languages nickname suggestions come in; any other locale gets English. */
export type NicknameLocale = keyof typeof WORDS;

/**
 * A friendly nickname suggestion in the workshop's language ("Swift Otter 42", "Flinker Fuchs 42", "Renard malin 42"),
 * from a random source in [0, 1).
 */
export function suggestNickname(random: () => number, locale: string = 'en'): string {
	const words = WORDS[(locale in WORDS ? locale : 'en') as NicknameLocale];
	const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
	const adjective = pick(words.adjectives);
	const animal = pick(words.animals);
	const number = 10 + Math.floor(random() * 90);
	return words.adjectiveFirst ? `${adjective} ${animal} ${number}` : `${animal} ${adjective} ${number}`;
}

/** Cleans a nickname: one line, 1 to 24 characters. */
export function cleanNickname(input: string): Result<string, 'nickname_empty' | 'nickname_too_long'> {
	const t = cleanTitle(input, NICKNAME_MAX_LENGTH);
	if (t.ok) return ok(t.value);
	return refuse(t.reason === 'title_empty' ? 'nickname_empty' : 'nickname_too_long');
}

/**
 * What two nicknames are compared by, for "one name per workshop": trimmed, inner spaces made one, Unicode NFC
 * (so "é" typed as one or two code points is one name) and lower case, so "Léa", "léa " and "LÉA" are the same name.
 */
export function nicknameKey(nickname: string): string {
	return nickname.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase().normalize('NFC');
}
