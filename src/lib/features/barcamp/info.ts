/**
 * The phases of a BarCamp, in the order a facilitator drives them on the morning: set up rooms and slots, collect
 * proposals from phones, pitch them one by one on the projector, mark interest, plan the grid, and run the day on the
 * published grid (`live`: from then on every change to the grid reaches every phone at once).
 */
export const PHASES = ['setup', 'propose', 'pitch', 'vote', 'plan', 'live'] as const;
export type Phase = (typeof PHASES)[number];

/** The BarCamp's maps in the room's documents. */
export const BARCAMP_MAPS = { camps: 'barcamp.camps', proposals: 'barcamp.proposals', placements: 'barcamp.placements' } as const;

/** What a browser needs to know of the BarCamp without its command schemas. */
export const BARCAMP_INFO = { type: 'barcamp', phases: PHASES, docMaps: BARCAMP_MAPS, exportFormats: ['md', 'csv', 'ics', 'json'] } as const;
