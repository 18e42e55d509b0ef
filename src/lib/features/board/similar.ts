/**
 * Spotting similar cards in a big room: identical or near-identical texts ("More shade!" and "more  shade",
 * "Café" and "cafe", "water fountain" and "water fountains"). Pure functions, used by the facilitator's board.
 */

/** How alike two texts must be (trigram Jaccard of their normal forms) to be called similar. */
export const SIMILAR_THRESHOLD = 0.6;

/**
 * A text's normal form: accents dropped (NFKD without combining marks), lower case, every run of anything that is
 * not a letter or digit turned into one space, trimmed.
 */
export function normalizeText(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/\p{M}+/gu, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();
}

/** The set of character trigrams of a normal form, each word padded with a space on both sides. */
export function trigrams(normal: string): Set<string> {
	const out = new Set<string>();
	if (!normal) return out;
	for (const word of normal.split(' ')) {
		const chars = [...` ${word} `];
		for (let i = 0; i + 3 <= chars.length; i++) out.add(chars.slice(i, i + 3).join(''));
	}
	return out;
}

function jaccard(a: Set<string>, b: Set<string>): number {
	if (a.size === 0 && b.size === 0) return 1;
	let common = 0;
	const [small, large] = a.size <= b.size ? [a, b] : [b, a];
	for (const t of small) if (large.has(t)) common++;
	return common / (a.size + b.size - common);
}

/** How alike two texts are, from 0 (nothing in common) to 1 (the same normal form). */
export function similarity(a: string, b: string): number {
	const na = normalizeText(a);
	const nb = normalizeText(b);
	if (na === nb) return 1;
	return jaccard(trigrams(na), trigrams(nb));
}

/**
 * For each card, the other cards similar to it (in the order given); cards with none are left out. A card whose
 * text has no letter or digit is similar to nothing.
 */
export function similarCards(cards: { id: string; text: string }[], threshold = SIMILAR_THRESHOLD): Map<string, string[]> {
	const prepared = cards.map((c) => {
		const normal = normalizeText(c.text);
		return { id: c.id, normal, grams: trigrams(normal) };
	});
	// Cards share a trigram or they cannot reach the threshold: compare only those that do.
	const byGram = new Map<string, number[]>();
	prepared.forEach((p, i) => {
		for (const g of p.grams) {
			const list = byGram.get(g);
			if (list) list.push(i);
			else byGram.set(g, [i]);
		}
	});
	const out = new Map<string, string[]>();
	prepared.forEach((p, i) => {
		if (!p.normal) return;
		const candidates = new Set<number>();
		for (const g of p.grams) for (const j of byGram.get(g)!) if (j !== i) candidates.add(j);
		const similar = [...candidates]
			.sort((x, y) => x - y)
			.filter((j) => prepared[j].normal && (prepared[j].normal === p.normal || jaccard(p.grams, prepared[j].grams) >= threshold))
			.map((j) => prepared[j].id);
		if (similar.length) out.set(p.id, similar);
	});
	return out;
}
