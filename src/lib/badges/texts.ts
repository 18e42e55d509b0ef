/** A text of an achievement in the UI's languages (stored as JSON; an organisation may have filled only some). */
export type Lang = 'de' | 'en' | 'fr';
export type Texts = Partial<Record<Lang, string>>;

/** A language's text, or the first there is. */
export function pick(t: Texts, lang: Lang): string {
	return t[lang] || t.en || t.de || t.fr || '';
}

/** Parses a stored text object; a damaged one reads as empty. */
export function texts(raw: string): Texts {
	try {
		const v = JSON.parse(raw);
		return v && typeof v === 'object' ? (v as Texts) : {};
	} catch {
		return {};
	}
}
