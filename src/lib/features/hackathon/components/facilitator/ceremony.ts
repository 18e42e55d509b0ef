import type { RankedTeam } from '$lib/features/hackathon/ranking';
import type { CeremonyView } from '$lib/features/hackathon/views';

/** One step of the ceremony as the control room describes it. */
export type CeremonyStep =
	| { kind: 'title' }
	| { kind: 'place'; place: number; teamIds: string[] }
	| { kind: 'audience'; teamIds: string[]; votes: number }
	| { kind: 'end' };

/** The jury places in the order the ceremony reveals them: the last place first, shared places together. */
export function revealOrder(results: RankedTeam[]): { place: number; teamIds: string[] }[] {
	const byPlace = new Map<number, string[]>();
	for (const r of results) byPlace.set(r.place, [...(byPlace.get(r.place) ?? []), r.teamId]);
	return [...byPlace.entries()].sort((a, b) => b[0] - a[0]).map(([place, teamIds]) => ({ place, teamIds }));
}

/** The teams with the most audience votes (none when nobody voted). */
export function audienceWinners(tally: Record<string, number>, teamIds: string[]): { teamIds: string[]; votes: number } {
	const votes = Math.max(0, ...teamIds.map((id) => tally[id] ?? 0));
	return { teamIds: votes > 0 ? teamIds.filter((id) => (tally[id] ?? 0) === votes) : [], votes };
}

/**
 * What the projector shows now and what the next click reveals: the title card at step 0, then the jury places from
 * the last upward, then the audience award (the last step). Before the ceremony starts, "now" is null and "next" the
 * title card.
 */
export function ceremonySteps(
	ceremony: CeremonyView | null,
	results: RankedTeam[] | null | undefined,
	audience: { teamIds: string[]; votes: number }
): { now: CeremonyStep | null; next: CeremonyStep | null } {
	const order = revealOrder(results ?? []);
	const at = (step: number, steps: number): CeremonyStep => {
		if (step <= 0) return { kind: 'title' };
		if (step > steps) return { kind: 'end' };
		if (step === steps) return { kind: 'audience', ...audience };
		const p = order[step - 1];
		return p ? { kind: 'place', ...p } : { kind: 'end' };
	};
	if (!ceremony) return { now: null, next: { kind: 'title' } };
	const now: CeremonyStep =
		ceremony.step === ceremony.steps && ceremony.audience
			? { kind: 'audience', ...ceremony.audience }
			: ceremony.step > 0 && ceremony.revealed.length >= ceremony.step
				? { kind: 'place', place: ceremony.revealed[ceremony.step - 1].place, teamIds: ceremony.revealed[ceremony.step - 1].teamIds }
				: at(ceremony.step, ceremony.steps);
	const next = ceremony.step >= ceremony.steps ? null : at(ceremony.step + 1, ceremony.steps);
	return { now, next };
}
