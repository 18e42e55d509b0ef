import { PHASES } from './domain';

/** The board's maps in the room's documents. */
export const BOARD_MAPS = { boards: 'board.boards', cards: 'board.cards', clusters: 'board.clusters' } as const;

/**
 * What a browser needs to know of the board without its command schemas (which stay out of the pages' bundles):
 * its type, phases, document maps and export formats.
 */
export const BOARD_INFO = { type: 'board', phases: PHASES, docMaps: BOARD_MAPS, exportFormats: ['md', 'csv', 'json'] } as const;
