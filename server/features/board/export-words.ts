import type { ExportWords } from '../../../src/lib/features/board/export';
import { m } from '../../../src/lib/paraglide/messages.js';
import { isTimeZone } from '../../../src/lib/domain/export-text';
import type { Locale } from '../../services';

/** The export words of one workshop language, from the messages (dates in the given zone, else the server's). */
export function exportWords(locale: Locale, timeZone?: string): ExportWords {
	const o = { locale };
	const plural = new Intl.PluralRules(locale);
	const count = (n: number) => String(n);
	return {
		locale,
		timeZone: timeZone && isTimeZone(timeZone) ? timeZone : undefined,
		headers: {
			kind: m.export_col_kind({}, o),
			id: m.export_col_id({}, o),
			text: m.export_col_text({}, o),
			author: m.export_col_author({}, o),
			column: m.export_col_column({}, o),
			lane: m.export_col_lane({}, o),
			cluster: m.export_col_cluster({}, o),
			votes: m.export_col_votes({}, o),
			rank: m.export_col_rank({}, o),
			cards: m.export_col_cards({}, o),
			status: m.export_col_status({}, o),
			createdAt: m.export_col_created({}, o),
			minutes: m.export_col_minutes({}, o)
		},
		kind: { card: m.export_kind_card({}, o), cluster: m.export_kind_cluster({}, o) },
		clusterNamed: (title) => m.export_cluster_named({ title }, o),
		status: { visible: m.export_status_visible({}, o), hidden: m.export_status_hidden({}, o), pending: m.export_status_pending({}, o) },
		phase: { collect: m.phase_collect({}, o), reveal: m.phase_reveal({}, o), group: m.phase_group({}, o), vote: m.phase_vote({}, o), discuss: m.phase_discuss({}, o) },
		votes: (n) => (plural.select(n) === 'one' ? m.export_votes_one({ count: count(n) }, o) : m.export_votes_other({ count: count(n) }, o)),
		cards: (n) => (plural.select(n) === 'one' ? m.export_cards_one({ count: count(n) }, o) : m.export_cards_other({ count: count(n) }, o)),
		meta: ({ code, phase, date }) => m.export_meta({ code, phase, date }, o),
		ranking: m.export_ranking({}, o),
		minutes: m.export_minutes({}, o),
		withheld: (n) => (plural.select(n) === 'one' ? m.export_withheld_one({ count: count(n) }, o) : m.export_withheld_other({ count: count(n) }, o))
	};
}
