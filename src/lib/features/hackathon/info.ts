/**
 * The phases of a hackathon, in the order a facilitator drives the day: set up challenges, team rules, stages and the
 * jury; form teams (by hand and by matching); hack (projects move through their stages, submissions until the
 * deadline); pitch (teams present one by one, the jury scores, the audience votes); the ceremony on the projector.
 */
export const PHASES = ['setup', 'teams', 'hack', 'pitch', 'ceremony'] as const;
export type Phase = (typeof PHASES)[number];

/** The hackathon's maps in the room's documents: one entry per hackathon activity, and one per team (with its project). */
export const HACKATHON_MAPS = { hacks: 'hackathon.hacks', teams: 'hackathon.teams' } as const;

/** What a browser needs to know of the hackathon without its command schemas. */
export const HACKATHON_INFO = { type: 'hackathon', phases: PHASES, docMaps: HACKATHON_MAPS, exportFormats: ['md', 'csv', 'json'] } as const;
