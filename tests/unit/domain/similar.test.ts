import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SIMILAR_THRESHOLD, normalizeText, similarCards, similarity } from '../../../src/lib/features/board/similar';

describe('similar cards', () => {
	it('calls texts the same whatever their case, spacing, punctuation and accents', () => {
		expect(normalizeText('  Plus d’ÉTÉ,   moins   de café !! ')).toBe('plus d ete moins de cafe');
		expect(similarity('More shade!', 'more   SHADE')).toBe(1);
		expect(similarity('Café au lait', 'cafe au lait')).toBe(1);
		expect(similarity('More water fountains', 'more water fountain')).toBeGreaterThanOrEqual(SIMILAR_THRESHOLD);
		expect(similarity('More water fountains', 'Longer breaks')).toBeLessThan(SIMILAR_THRESHOLD);
	});

	it('finds each card’s similar cards, and nothing for a card of only punctuation or emoji', () => {
		const cards = [
			{ id: 'a', text: 'Buy now!!!' },
			{ id: 'b', text: 'More shade in the yard' },
			{ id: 'c', text: 'buy NOW' },
			{ id: 'd', text: 'more shade in the yard.' },
			{ id: 'e', text: '!!!' },
			{ id: 'f', text: '🙂🙂' },
			{ id: 'g', text: '?' },
			{ id: 'h', text: 'Buy now' }
		];
		const s = similarCards(cards);
		expect(Object.fromEntries(s)).toEqual({ a: ['c', 'h'], b: ['d'], c: ['a', 'h'], d: ['b'], h: ['a', 'c'] });
	});

	/** Words of a few letters, some of them with accents, so random texts share trigrams now and then. */
	const word = fc.array(fc.constantFrom('a', 'b', 'c', 'é', 'o', 'ü', 'n', 'ç'), { minLength: 1, maxLength: 6 }).map((cs) => cs.join(''));
	const words = fc.array(word, { minLength: 1, maxLength: 6 });

	it('property: a copy with other case, spacing, punctuation and accents is identical (similarity 1, found together)', () => {
		/** Letters as another keyboard might type them: plain, upper case, or with a combining accent. */
		const retype = (w: string, how: number) =>
			[...w]
				.map((ch, i) => {
					const plain = ch.normalize('NFD')[0];
					const variant = (how + i) % 3;
					return variant === 0 ? plain : variant === 1 ? plain.toUpperCase() : `${plain}\u0301`;
				})
				.join('');
		const separator = fc.constantFrom(' ', '  ', ', ', ' - ', '!\n', '\t', '... ');
		fc.assert(
			fc.property(words, fc.nat(), fc.array(separator, { minLength: 7, maxLength: 7 }), (ws, how, seps) => {
				const original = ws.join(' ');
				const copy = seps[0] + ws.map((w, i) => retype(w, how + i) + seps[i + 1]).join('');
				expect(similarity(original, copy)).toBe(1);
				const found = similarCards([
					{ id: 'x', text: original },
					{ id: 'y', text: copy }
				]);
				expect(found.get('x')).toEqual(['y']);
				expect(found.get('y')).toEqual(['x']);
			})
		);
	});

	it('property: on plain ASCII texts, similarity is the Jaccard index of padded word trigrams (computed here another way)', () => {
		/** The reference: ASCII only, arrays instead of sets. */
		const grams = (text: string) => {
			const ws = text.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 0);
			const all: string[] = [];
			for (const w of ws) {
				const padded = ' ' + w + ' ';
				for (let i = 0; i < padded.length - 2; i++) all.push(padded.substring(i, i + 3));
			}
			return all.filter((g, i) => all.indexOf(g) === i);
		};
		const reference = (a: string, b: string) => {
			const ga = grams(a);
			const gb = grams(b);
			const common = ga.filter((g) => gb.includes(g)).length;
			const union = ga.length + gb.length - common;
			return union === 0 ? 1 : common / union;
		};
		const ascii = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'A', 'B', ' ', '.', '1'), maxLength: 24 });
		fc.assert(
			fc.property(ascii, ascii, (a, b) => {
				expect(similarity(a, b)).toBeCloseTo(reference(a, b), 10);
				expect(similarity(a, b)).toBe(similarity(b, a));
			})
		);
	});

	it('property: similarCards holds exactly the pairs at or above the threshold, never a card itself, both ways', () => {
		const card = fc.record({ text: words.map((ws) => ws.join(' ')) });
		fc.assert(
			fc.property(fc.array(card, { maxLength: 14 }), (raw) => {
				const cards = raw.map((c, i) => ({ id: `c${i}`, text: c.text }));
				const found = similarCards(cards);
				for (const a of cards) {
					const expected = cards.filter((b) => b.id !== a.id && normalizeText(a.text) !== '' && normalizeText(b.text) !== '' && similarity(a.text, b.text) >= SIMILAR_THRESHOLD).map((b) => b.id);
					expect(found.get(a.id) ?? []).toEqual(expected);
					for (const b of found.get(a.id) ?? []) expect(found.get(b)).toContain(a.id);
				}
			})
		);
	});
});
