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
 * text has no letter or digit is similar to nothing. Shared trigrams are counted through an index from trigram to
 * cards, so only cards that share one are compared, with integer counts instead of set intersections (2,000 cards
 * in well under a second).
 */
export function similarCards(cards: { id: string; text: string }[], threshold = SIMILAR_THRESHOLD): Map<string, string[]> {
	const n = cards.length;
	const normals = cards.map((c) => normalizeText(c.text));
	const gramId = new Map<string, number>();
	const postings: number[][] = [];
	const sizes = new Int32Array(n);
	const gramsOf: number[][] = normals.map((normal, i) => {
		const ids: number[] = [];
		for (const g of trigrams(normal)) {
			let id = gramId.get(g);
			if (id === undefined) {
				id = postings.length;
				gramId.set(g, id);
				postings.push([]);
			}
			postings[id].push(i);
			ids.push(id);
		}
		sizes[i] = ids.length;
		return ids;
	});
	const pairs: Set<number>[] = Array.from({ length: n }, () => new Set());
	const common = new Int32Array(n);
	const touched: number[] = [];
	for (let i = 0; i < n; i++) {
		if (!normals[i]) continue;
		for (const g of gramsOf[i]) {
			for (const j of postings[g]) {
				if (j <= i) continue;
				if (common[j]++ === 0) touched.push(j);
			}
		}
		for (const j of touched) {
			const c = common[j];
			common[j] = 0;
			if (normals[i] === normals[j] || c / (sizes[i] + sizes[j] - c) >= threshold) {
				pairs[i].add(j);
				pairs[j].add(i);
			}
		}
		touched.length = 0;
	}
	const out = new Map<string, string[]>();
	for (let i = 0; i < n; i++) {
		if (pairs[i].size) out.set(cards[i].id, [...pairs[i]].sort((a, b) => a - b).map((j) => cards[j].id));
	}
	return out;
}
