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

/**
 * The jury ranking, normalised per juror (PLACEHOLDER: the real implementation replaces this file's body).
 *
 * Method (stated in the results): each juror's weighted average per team (sum of weight x score over the criteria they
 * scored / sum of those weights); per juror, z = (average - the juror's mean over the teams they scored) / the
 * juror's standard deviation (population; a juror who gave every team the same average contributes 0 to each);
 * a team's score is the mean of its z over the jurors who scored it. Teams nobody scored come last, sharing a place.
 * Ties: equal normalised scores (within 1e-9) are ordered by the raw average (higher first); still equal, they share
 * the place.
 */
export function rankTeams(teamIds: string[], criteria: Criterion[], scores: JuryScore[]): RankedTeam[] {
	void criteria;
	void scores;
	return teamIds.map((teamId) => ({ teamId, place: 1, normalised: null, raw: null, jurors: 0, perCriterion: {} }));
}
