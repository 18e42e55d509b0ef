import type { Criterion } from './domain';

/** One juror's score of one team on one criterion (1 to 5). */
export interface JuryScore {
	jurorId: string;
	teamId: string;
	criterionId: string;
	value: number;
}

/** A team's place in the jury ranking. */
export interface RankedTeam {
	teamId: string;
	/** 1 is first; teams still equal after the tie rule share a place (1, 2, 2, 4). */
	place: number;
	/** Mean over the jurors who scored the team of their normalised (z) score; null when nobody scored it. */
	normalised: number | null;
	/** Mean over those jurors of the weighted average of their raw scores (1 to 5); null when nobody scored it. */
	raw: number | null;
	/** How many jurors scored the team. */
	jurors: number;
	/** Mean raw score per criterion id over the jurors who scored it. */
	perCriterion: Record<string, number>;
}

/** One step of the ceremony: a place and the teams sharing it, with their normalised score. */
export interface CeremonyStep {
	place: number;
	teamIds: string[];
	score: number;
}

/** Two normalised scores (or raw averages) closer than this are equal. */
export const TIE_EPSILON = 1e-9;

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * The jury ranking, normalised per juror.
 *
 * Method (stated in the results): each juror's weighted average per team (sum of weight x score over the criteria they
 * scored / sum of those weights); per juror, z = (average - the juror's mean over the teams they scored) / the
 * juror's standard deviation (population; a juror who gave every team the same average contributes 0 to each);
 * a team's score is the mean of its z over the jurors who scored it. Teams nobody scored come last, sharing a place.
 * Ties: equal normalised scores (within 1e-9) are ordered by the raw average (higher first); still equal, they share
 * the place.
 *
 * Only scores of the given criteria and teams count, and only finite values; a repeated (juror, team, criterion)
 * counts as the mean of its values. The result does not depend on the order of the inputs: sums run in a fixed
 * order (jurors, teams and criteria by id), and teams sharing a place are listed by id.
 */
export function rankTeams(teamIds: string[], criteria: Criterion[], scores: JuryScore[]): RankedTeam[] {
	const teams = [...new Set(teamIds)].sort(byString);
	const teamSet = new Set(teams);
	const weights = new Map<string, number>();
	for (const c of criteria) if (Number.isFinite(c.weight) && c.weight > 0 && !weights.has(c.id)) weights.set(c.id, c.weight);

	// juror -> team -> criterion -> values
	const byJuror = new Map<string, Map<string, Map<string, number[]>>>();
	for (const s of scores) {
		if (!teamSet.has(s.teamId) || !weights.has(s.criterionId) || !Number.isFinite(s.value)) continue;
		let jt = byJuror.get(s.jurorId);
		if (!jt) byJuror.set(s.jurorId, (jt = new Map()));
		let tc = jt.get(s.teamId);
		if (!tc) jt.set(s.teamId, (tc = new Map()));
		const vs = tc.get(s.criterionId);
		if (vs) vs.push(s.value);
		else tc.set(s.criterionId, [s.value]);
	}

	const zs = new Map<string, number[]>();
	const raws = new Map<string, number[]>();
	const perCriterion = new Map<string, Map<string, number[]>>();
	for (const jurorId of [...byJuror.keys()].sort(byString)) {
		const jt = byJuror.get(jurorId)!;
		const scored = [...jt.keys()].sort(byString);
		const averages = scored.map((teamId) => {
			const tc = jt.get(teamId)!;
			let sum = 0;
			let weight = 0;
			for (const criterionId of [...tc.keys()].sort(byString)) {
				const value = mean([...tc.get(criterionId)!].sort((a, b) => a - b));
				const w = weights.get(criterionId)!;
				sum += w * value;
				weight += w;
				let pc = perCriterion.get(teamId);
				if (!pc) perCriterion.set(teamId, (pc = new Map()));
				const list = pc.get(criterionId);
				if (list) list.push(value);
				else pc.set(criterionId, [value]);
			}
			return sum / weight;
		});
		const m = mean(averages);
		const sd = Math.sqrt(mean(averages.map((a) => (a - m) ** 2)));
		// Zero spread (up to rounding): the juror said nothing about the order, so every z is 0.
		const flat = !(sd > 1e-12 * Math.max(1, Math.abs(m)));
		scored.forEach((teamId, i) => {
			const z = flat ? 0 : (averages[i] - m) / sd;
			(zs.get(teamId) ?? zs.set(teamId, []).get(teamId)!).push(z);
			(raws.get(teamId) ?? raws.set(teamId, []).get(teamId)!).push(averages[i]);
		});
	}

	const rows: RankedTeam[] = teams.map((teamId) => {
		const z = zs.get(teamId);
		const pc = perCriterion.get(teamId);
		const per: Record<string, number> = {};
		if (pc) for (const criterionId of [...pc.keys()].sort(byString)) per[criterionId] = mean(pc.get(criterionId)!);
		return z
			? { teamId, place: 0, normalised: mean(z), raw: mean(raws.get(teamId)!), jurors: z.length, perCriterion: per }
			: { teamId, place: 0, normalised: null, raw: null, jurors: 0, perCriterion: per };
	});

	const scored = rows.filter((r) => r.normalised !== null).sort((a, b) => b.normalised! - a.normalised! || byString(a.teamId, b.teamId));
	const unscored = rows.filter((r) => r.normalised === null);
	const out: RankedTeam[] = [];
	// Groups of equal normalised scores (each within TIE_EPSILON of the group's first), then by raw inside a group.
	for (let i = 0; i < scored.length; ) {
		let j = i + 1;
		while (j < scored.length && scored[i].normalised! - scored[j].normalised! <= TIE_EPSILON) j++;
		const group = scored.slice(i, j).sort((a, b) => b.raw! - a.raw! || byString(a.teamId, b.teamId));
		for (let k = 0; k < group.length; ) {
			let l = k + 1;
			while (l < group.length && group[k].raw! - group[l].raw! <= TIE_EPSILON) l++;
			const place = out.length + 1;
			for (const r of group.slice(k, l).sort((a, b) => byString(a.teamId, b.teamId))) out.push({ ...r, place });
			k = l;
		}
		i = j;
	}
	const last = out.length + 1;
	for (const r of unscored) out.push({ ...r, place: last });
	return out;
}

/**
 * The ceremony's reveal order: the jury's places from the last upward, teams sharing a place in one step, teams nobody
 * scored left out. `score` is the place's normalised score (the first team's, equal within 1e-9 for the others).
 */
export function ceremonySteps(ranked: RankedTeam[]): CeremonyStep[] {
	const steps = new Map<number, CeremonyStep>();
	for (const r of ranked) {
		if (r.normalised === null) continue;
		const step = steps.get(r.place);
		if (step) step.teamIds.push(r.teamId);
		else steps.set(r.place, { place: r.place, teamIds: [r.teamId], score: r.normalised });
	}
	return [...steps.values()].sort((a, b) => b.place - a.place);
}
