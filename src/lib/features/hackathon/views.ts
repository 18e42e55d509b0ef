import type { Criterion, HackSettings, Interest, Phase, Skill, Stage } from './domain';
import type { RankedTeam } from './ranking';

/** A challenge from a partner (`HackView.challenges`). */
export interface ChallengeView {
	id: string;
	title: string;
	description: string;
	/** The partner who set it (an organisation's name), or empty. */
	partner: string;
	/** Whether it has an image (served at `/w/<workshopId>/challenges/<id>/image`). */
	hasImage: boolean;
}

/** A juror as the staff see them (the link is `/jury/<token>`). */
export interface JurorView {
	id: string;
	name: string;
	token: string;
	/** The teams this juror scores, or null for every team. */
	teamIds: string[] | null;
	/** Teams this juror has scored on every criterion, and how many they are to score. */
	scored: number;
	assigned: number;
	/** The juror said they are done (judging closes by itself when every juror is). */
	done: boolean;
}

/** One step of the ceremony as the projector shows it: a jury place (shared places reveal together) or the audience award. */
export interface CeremonyPlace {
	place: number;
	teamIds: string[];
	/** The normalised score (mean z over the jurors), shown with the place. */
	score: number;
}

/**
 * The prize ceremony (`HackView.ceremony`, once the facilitator starts it): the jury ranking revealed from the last
 * place upward, one step per click, then the audience award. Only what has been revealed is in the room's document.
 */
export interface CeremonyView {
	/** Steps revealed so far (0: the title card), and how many there are (jury places + 1 for the audience award). */
	step: number;
	steps: number;
	/** The revealed jury places, last place first. */
	revealed: CeremonyPlace[];
	/** The audience award once revealed (every team with the most votes). */
	audience: { teamIds: string[]; votes: number } | null;
}

/** The hackathon as the room's document holds it (`hackathon.hacks`, one entry per hackathon activity). */
export interface HackView {
	id: string;
	title: string;
	phase: Phase;
	settings: HackSettings;
	challenges: ChallengeView[];
	stages: Stage[];
	criteria: Criterion[];
	/** The team presenting now, and since when. */
	pitch: { teamId: string; startedAt: number } | null;
	judging: { closed: boolean; done: number; jurors: number };
	voting: { open: boolean; revealed: boolean };
	ceremony: CeremonyView | null;
	showcase: { published: boolean };
	/** People without a team who asked to be matched. */
	matchQueue: number;
	/** Staff only. */
	jurors?: JurorView[];
	/** Staff only: the showcase's unlisted link token, while it is published. */
	showcaseToken?: string | null;
	/** Staff only, once judging is closed: the jury ranking (normalised per juror). */
	results?: RankedTeam[] | null;
	/** Staff only: what the last matching did. */
	lastMatch?: { at: number; joined: number; formed: number; unmatched: number } | null;
}

/** A team and its project (`hackathon.teams`, keyed by team id). */
export interface TeamView {
	id: string;
	activityId: string;
	name: string;
	challengeId: string | null;
	/** Members' nicknames, in joining order. */
	members: string[];
	/** The stage the project is at (a stage id of the hackathon). */
	stageId: string;
	/** Checklist items done, as `<stageId>:<index>`. */
	checked: string[];
	project: { title: string; codeUrl: string; videoUrl: string };
	/** When the team submitted (null: not submitted); `onTime` says whether it was before the deadline. */
	submittedAt: number | null;
	createdAt: number;
	/** Staff only: members' participant ids (same order as `members`). */
	memberIds?: string[];
	/** Staff only: how many members agreed to the showcase and to being named in it. */
	consent?: { showcase: number; names: number };
	/** Staff only: the showcase's state of this project. */
	showcase?: { approvedAt: number | null; pending: boolean };
}

export interface HackProfile {
	skills: Skill[];
	interests: Interest[];
	tags: string[];
	/** Challenge ids this person would like to work on, most wanted first. */
	challenges: string[];
	/** They asked to be matched into a team. */
	matchMe: boolean;
}

/** A participant's own hackathon state (their slice of `me`). */
export interface HackathonMe {
	/** Their profile per hackathon activity. */
	profiles: Record<string, HackProfile>;
	/** The teams they are in. */
	teams: string[];
	/** Their audience vote per hackathon activity (a team id). */
	votes: Record<string, string>;
	/** Their consent per team: the project in the showcase, and their nickname with it. */
	consents: Record<string, { showcase: boolean; showName: boolean }>;
}

/** What a juror's page shows (`/jury/<token>`): their assigned projects with their own scores, never anyone else's. */
export interface JuryPageData {
	workshopId: string;
	workshopTitle: string;
	activityId: string;
	hackTitle: string;
	jurorName: string;
	criteria: Criterion[];
	/** Judging is over (closed by the facilitator, or every juror is done): scores are final, the ranking shows. */
	closed: boolean;
	done: boolean;
	teams: {
		id: string;
		name: string;
		challenge: string | null;
		title: string;
		codeUrl: string;
		videoUrl: string;
		/** The project's co-edited text as it is now. */
		text: string;
		submitted: boolean;
		scores: Record<string, number>;
		comment: string;
	}[];
	/** Once closed: the ranking with team names. */
	results: (RankedTeam & { name: string })[] | null;
}

/** One project on the public showcase page (the approved version, with only the names of members who agreed). */
export interface ShowcaseEntry {
	teamId: string;
	title: string;
	teamName: string;
	challenge: { title: string; partner: string } | null;
	description: string;
	codeUrl: string;
	videoUrl: string;
	/** `jury` with its place, `audience`, both, or none. */
	awards: { kind: 'jury' | 'audience'; place?: number }[];
	members: string[];
}
