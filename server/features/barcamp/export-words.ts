import type { CampExportWords } from '../../../src/lib/features/barcamp/export';
import { m } from '../../../src/lib/paraglide/messages.js';
import { isTimeZone } from '../../../src/lib/domain/export-text';
import type { Locale } from '../../services';

/**
 * The BarCamp export words of one workshop language, from the messages; dates and times in the given zone (an
 * unknown zone is ignored), else the server's.
 */
export function campExportWords(locale: Locale, timeZone?: string): CampExportWords {
	const o = { locale };
	return {
		locale,
		timeZone: timeZone && isTimeZone(timeZone) ? timeZone : undefined,
		headers: {
			id: m.export_col_id({}, o),
			start: m.bcx_col_start({}, o),
			end: m.bcx_col_end({}, o),
			room: m.bcx_col_room({}, o),
			title: m.bcx_col_title({}, o),
			description: m.bcx_col_description({}, o),
			format: m.bcx_col_format({}, o),
			needs: m.bcx_col_needs({}, o),
			proposer: m.bcx_col_proposer({}, o),
			anonymous: m.bcx_col_anonymous({}, o),
			cohosts: m.bcx_col_cohosts({}, o),
			hostedBy: m.bcx_col_hosted_by({}, o),
			interest: m.bcx_col_interest({}, o),
			checkins: m.bcx_col_checkins({}, o),
			notes: m.bcx_col_notes({}, o)
		},
		format: {
			talk: m.bc_format_talk({}, o),
			discussion: m.bc_format_discussion({}, o),
			workshop: m.bc_format_workshop({}, o),
			other: m.bc_format_other({}, o)
		},
		feature: {
			projector: m.bc_feature_projector({}, o),
			laptops: m.bc_feature_laptops({}, o),
			whiteboard: m.bc_feature_whiteboard({}, o),
			quiet: m.bc_feature_quiet({}, o),
			accessible: m.bc_feature_accessible({}, o),
			sound: m.bc_feature_sound({}, o)
		},
		slotKind: { break: m.bcx_break({}, o), common: m.bcx_common({}, o) },
		yes: m.bcx_yes({}, o),
		meta: ({ code, date }) => m.bcx_meta({ code, date }, o),
		grid: m.bcx_grid({}, o),
		unplaced: m.bcx_unplaced({}, o),
		notes: m.bcx_notes({}, o),
		emptySlot: m.bcx_empty_slot({}, o),
		hosts: (names) => m.bcx_hosts({ names }, o)
	};
}
