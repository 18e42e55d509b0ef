import { cleanTitle } from './board';
import { ok, refuse, type Result } from './result';

export const NICKNAME_MAX_LENGTH = 24;

const ADJECTIVES = ['Blue', 'Swift', 'Bright', 'Calm', 'Clever', 'Brave', 'Lucky', 'Sunny', 'Quiet', 'Bold', 'Happy', 'Green'];
const ANIMALS = ['Fox', 'Otter', 'Lynx', 'Panda', 'Koala', 'Falcon', 'Dolphin', 'Tiger', 'Heron', 'Badger', 'Gecko', 'Owl'];

/** A friendly nickname suggestion ("Swift Otter 42"), from a random source in [0, 1). */
export function suggestNickname(random: () => number): string {
	const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
	return `${pick(ADJECTIVES)} ${pick(ANIMALS)} ${10 + Math.floor(random() * 90)}`;
}

/** Cleans a nickname: one line, 1 to 24 characters. */
export function cleanNickname(input: string): Result<string, 'nickname_empty' | 'nickname_too_long'> {
	const t = cleanTitle(input, NICKNAME_MAX_LENGTH);
	if (t.ok) return ok(t.value);
	return refuse(t.reason === 'title_empty' ? 'nickname_empty' : 'nickname_too_long');
}
