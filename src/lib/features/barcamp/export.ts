import { formatJoinCode } from '../../domain/join-code';
import { csvDocument, csvSeparatorFor, escapeMarkdown, escapeMarkdownLine, spreadsheetDate, zoneOf } from '../../domain/export-text';
export { csvSeparatorFor, defuseFormula, escapeMarkdown, escapeMarkdownLine, spreadsheetDate } from '../../domain/export-text';
import type { Feature, Format, SlotKind } from './domain';

/**
 * The BarCamp's exports (issue 11, facilitator 8 and participant 3): the grid and the session notes as Markdown, one
 * CSV row per session, the day as iCalendar (the whole day, or one participant's own schedule) and JSON. Pure
 * functions of one model the server builds; the words of the workshop's language come in from
 * `server/features/barcamp/export-words.ts`.
 *
 * Who is named where: the CSV and the JSON are the facilitator's data and carry the proposer's name with the
 * `anonymous` flag. The Markdown and the iCalendar are documents that go to the room (a shared notes document, a
 * participant's calendar), so they never name a proposer who chose to stay anonymous, not even among the confirmed
 * hosts.
 */

/** One session (a proposal that is in the BarCamp) as it leaves the workshop. */
export interface CampExportSession {
	id: string;
	title: string;
	description: string;
	format: Format;
	needs: Feature[];
	/** The proposer's nickname; null when anonymous and not to be named (staff exports pass the name and `anonymous`). */
	proposer: string | null;
	/** The proposer chose to stay anonymous to the room. */
	anonymous: boolean;
	/** Co-hosts' nicknames. */
	cohosts: string[];
	/** The hosts the facilitator confirmed after the session; null: not confirmed yet. */
	hostedBy: string[] | null;
	/** Where it is in the grid; null (either) = not placed. */
	roomId: string | null;
	slotId: string | null;
	/** People who marked "I'd go". */
	interest: number;
	/** People who checked in. */
	checkins: number;
	/** The session's shared notes as plain text (may be empty or span lines). */
	notes: string;
}

export interface CampExportModel {
	workshop: { title: string; code: string; locale: string };
	camp: { id: string; title: string };
	/** In the facilitator's order (the grid's columns). */
	rooms: { id: string; name: string; capacity: number; features: Feature[] }[];
	/** Epoch milliseconds, sorted by start. */
	slots: { id: string; start: number; end: number; kind: SlotKind; label: string }[];
	sessions: CampExportSession[];
	/** Epoch milliseconds: the export's date (and the iCalendar's DTSTAMP). */
	now: number;
}

/**
 * The words and formats of the workshop's language for the exports people read (CSV, Markdown, the iCalendar's
 * texts). The server fills it from the messages (`campExportWords(locale, timeZone)`); the functions here only
 * arrange them.
 */
export interface CampExportWords {
	/** BCP 47 tag for dates (Intl). */
	locale: string;
	/** IANA time zone for dates and times; the server's own zone when absent. */
	timeZone?: string;
	headers: {
		id: string;
		start: string;
		end: string;
		room: string;
		title: string;
		description: string;
		format: string;
		needs: string;
		proposer: string;
		anonymous: string;
		cohosts: string;
		hostedBy: string;
		interest: string;
		checkins: string;
		notes: string;
	};
	format: Record<Format, string>;
	feature: Record<Feature, string>;
	/** What a break or common event is called when it has no label of its own. */
	slotKind: { break: string; common: string };
	/** The CSV's mark for "yes" (the anonymous column). */
	yes: string;
	/** The line under the Markdown title: join code and date of the export. */
	meta: (p: { code: string; date: string }) => string;
	/** Markdown headings: the grid, the sessions not in it, the notes. */
	grid: string;
	unplaced: string;
	notes: string;
	/** A session slot without any session. */
	emptySlot: string;
	/** "Hosts: Lina, Jonas" (the names come in joined, and already escaped where the format needs it). */
	hosts: (names: string) => string;
}

/** One session with its place resolved (room and slot both known, or neither). */
interface Placed {
	session: CampExportSession;
	room: CampExportModel['rooms'][number] | null;
	slot: CampExportModel['slots'][number] | null;
}

/**
 * The sessions in grid order: placed ones by slot (time, then the model's order) and room (the model's order), then
 * the ones not placed in the model's order. A session whose room or slot is not (or no longer) in the model counts as
 * not placed.
 */
export function gridOrder(model: CampExportModel): Placed[] {
	const rooms = new Map(model.rooms.map((r, i) => [r.id, { r, i }]));
	const slots = new Map(model.slots.map((s, i) => [s.id, { s, i }]));
	const placed: (Placed & { ri: number; si: number; start: number })[] = [];
	const unplaced: Placed[] = [];
	for (const session of model.sessions) {
		const room = session.roomId !== null ? rooms.get(session.roomId) : undefined;
		const slot = session.slotId !== null ? slots.get(session.slotId) : undefined;
		if (room && slot) placed.push({ session, room: room.r, slot: slot.s, ri: room.i, si: slot.i, start: slot.s.start });
		else unplaced.push({ session, room: null, slot: null });
	}
	placed.sort((a, b) => a.start - b.start || a.si - b.si || a.ri - b.ri || a.session.id.localeCompare(b.session.id));
	return [...placed.map(({ session, room, slot }) => ({ session, room, slot })), ...unplaced];
}

/**
 * The hosts a document for the room names: the confirmed hosts once confirmed, else the proposer and the co-hosts;
 * an anonymous proposer is left out either way (one occurrence of their name, so a co-host of the same name stays).
 */
export function publicHosts(s: CampExportSession): string[] {
	const hosts = s.hostedBy ?? (s.proposer !== null ? [s.proposer, ...s.cohosts] : [...s.cohosts]);
	if (!s.anonymous || s.proposer === null) return [...hosts];
	const at = hosts.indexOf(s.proposer);
	return at < 0 ? [...hosts] : [...hosts.slice(0, at), ...hosts.slice(at + 1)];
}

/** Line breaks of any kind as `\n`. */
const unixLines = (s: string) => s.replace(/\r\n?/g, '\n');

/** Notes as exported: line breaks as `\n`, without blank lines before or white space after (the text itself as typed). */
export function cleanNotes(notes: string): string {
	return unixLines(notes)
		.replace(/^(?:[ \t]*\n)+/, '')
		.trimEnd();
}


// ---------------------------------------------------------------------------------------------------------------
// JSON

/** The JSON export's shape (version 1): English keys, ISO 8601 times in UTC, sessions in grid order. */
export interface CampJson {
	version: 1;
	exportedAt: string;
	workshop: CampExportModel['workshop'];
	camp: CampExportModel['camp'];
	rooms: CampExportModel['rooms'];
	slots: { id: string; start: string; end: string; kind: SlotKind; label: string }[];
	/** A session as in the model, with its room's name and its slot's times: null (with `roomId` and `slotId`) when not placed. */
	sessions: (CampExportSession & { room: string | null; start: string | null; end: string | null })[];
}

const iso = (ms: number) => new Date(ms).toISOString();

/** The JSON export as data (what `exportJson` prints). */
export function campJson(model: CampExportModel): CampJson {
	return {
		version: 1,
		exportedAt: iso(model.now),
		workshop: { title: model.workshop.title, code: model.workshop.code, locale: model.workshop.locale },
		camp: { id: model.camp.id, title: model.camp.title },
		rooms: model.rooms.map((r) => ({ id: r.id, name: r.name, capacity: r.capacity, features: [...r.features] })),
		slots: model.slots.map((s) => ({ id: s.id, start: iso(s.start), end: iso(s.end), kind: s.kind, label: s.label })),
		sessions: gridOrder(model).map(({ session: s, room, slot }) => ({
			id: s.id,
			title: s.title,
			description: s.description,
			format: s.format,
			needs: [...s.needs],
			proposer: s.proposer,
			anonymous: s.anonymous,
			cohosts: [...s.cohosts],
			hostedBy: s.hostedBy === null ? null : [...s.hostedBy],
			roomId: room ? room.id : null,
			slotId: slot ? slot.id : null,
			room: room ? room.name : null,
			start: slot ? iso(slot.start) : null,
			end: slot ? iso(slot.end) : null,
			interest: s.interest,
			checkins: s.checkins,
			notes: cleanNotes(s.notes)
		}))
	};
}

/** JSON export, pretty-printed, for programs: the shape `CampJson` (keys always in the same order). */
export function exportJson(model: CampExportModel): string {
	return JSON.stringify(campJson(model), null, 2) + '\n';
}

// ---------------------------------------------------------------------------------------------------------------
// CSV

/**
 * CSV export for spreadsheets: a UTF-8 byte-order mark (so Excel reads umlauts), the language's separator, CRLF rows,
 * RFC 4180 quoting, headers and words in the workshop's language; one row per session in grid order (placed ones
 * with start, end and room, then the others with those cells empty). Lists (needs, names) are joined with ", ".
 * Every text cell is defused against formula injection.
 */
export function exportCsv(model: CampExportModel, words: CampExportWords, separator = csvSeparatorFor(words.locale)): string {
	const h = words.headers;
	const rows: (string | number | null)[][] = [
		[h.id, h.start, h.end, h.room, h.title, h.description, h.format, h.needs, h.proposer, h.anonymous, h.cohosts, h.hostedBy, h.interest, h.checkins, h.notes]
	];
	for (const { session: s, room, slot } of gridOrder(model)) {
		rows.push([
			s.id,
			slot ? spreadsheetDate(slot.start, words) : null,
			slot ? spreadsheetDate(slot.end, words) : null,
			room ? room.name : null,
			s.title,
			s.description,
			words.format[s.format] ?? s.format,
			s.needs.map((f) => words.feature[f] ?? f).join(', '),
			s.proposer,
			s.anonymous ? words.yes : null,
			s.cohosts.join(', '),
			s.hostedBy === null ? null : s.hostedBy.join(', '),
			s.interest,
			s.checkins,
			cleanNotes(s.notes)
		]);
	}
	return csvDocument(rows, separator);
}

// ---------------------------------------------------------------------------------------------------------------
// Markdown

/**
 * A fenced code block that holds `text` verbatim: the fence is a run of backticks longer than any run of backticks
 * inside the text (at least three), so no line of the text can close it, and nothing inside is read as Markdown
 * (headings, lists, HTML, links stay text).
 */
export function fenceBlock(text: string, info = 'text'): string {
	const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
	const fence = '`'.repeat(Math.max(3, longest + 1));
	return `${fence}${info}\n${text}\n${fence}`;
}

/** "Wednesday, November 25, 2026" in the language and zone. */
function dayName(ms: number, words: Pick<CampExportWords, 'locale' | 'timeZone'>): string {
	return new Intl.DateTimeFormat(words.locale, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', ...zoneOf(words) }).format(new Date(ms));
}

/**
 * A slot's times as the language writes a range ("09:30–10:15 Uhr", "9:30 – 10:15 AM", "09:30 – 10:15") in the zone;
 * the thin and narrow spaces Intl puts in are written as plain spaces, so the text reads the same in any editor.
 */
export function timeRange(start: number, end: number, words: Pick<CampExportWords, 'locale' | 'timeZone'>): string {
	return new Intl.DateTimeFormat(words.locale, { hour: '2-digit', minute: '2-digit', ...zoneOf(words) })
		.formatRange(new Date(start), new Date(end))
		.replace(/[\u00A0\u2009\u202F]/g, ' ');
}

/** A date and time for people to read ("25. November 2026 um 13:00 MEZ" in German). */
function readableDate(ms: number, words: Pick<CampExportWords, 'locale' | 'timeZone'>): string {
	return new Intl.DateTimeFormat(words.locale, { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short', ...zoneOf(words) }).format(
		new Date(ms)
	);
}

/** What a break or common event is called: its label, else the kind's name. */
const slotName = (slot: { kind: SlotKind; label: string }, words: Pick<CampExportWords, 'slotKind'>) =>
	slot.label.trim() || (slot.kind === 'break' ? words.slotKind.break : words.slotKind.common);

/**
 * Markdown export, the document the room reads afterwards: the grid slot by slot (a heading per day, one per slot
 * with its time, the sessions as "Room: Title (Hosts: …)", breaks and common events as their own headings), the
 * sessions not in the grid, then "Session notes": a section per session with notes (title; room, time and hosts;
 * the notes verbatim in a fenced block, so Markdown in them cannot reach the document's structure). Interest and
 * check-in counts are not in it (they are the facilitator's, in the CSV and JSON).
 */
export function exportMarkdown(model: CampExportModel, words: CampExportWords): string {
	const one = escapeMarkdownLine;
	const order = gridOrder(model);
	const hosts = (s: CampExportSession) => {
		const names = publicHosts(s);
		return names.length ? words.hosts(names.map(one).join(', ')) : null;
	};
	const out: string[] = [
		`# ${one(model.workshop.title)}: ${one(model.camp.title)}`,
		'',
		escapeMarkdown(words.meta({ code: formatJoinCode(model.workshop.code), date: readableDate(model.now, words) })),
		'',
		`## ${one(words.grid)}`,
		''
	];
	let day = '';
	for (const slot of model.slots) {
		const today = dayName(slot.start, words);
		if (today !== day) {
			out.push(`### ${one(today)}`, '');
			day = today;
		}
		const time = timeRange(slot.start, slot.end, words);
		if (slot.kind !== 'sessions') {
			out.push(`#### ${one(time)} · ${one(slotName(slot, words))}`, '');
			continue;
		}
		out.push(`#### ${one(time)}${slot.label.trim() ? ` · ${one(slot.label)}` : ''}`, '');
		const here = order.filter((p) => p.slot?.id === slot.id);
		if (!here.length) out.push(escapeMarkdown(words.emptySlot));
		for (const { session, room } of here) {
			const who = hosts(session);
			out.push(`- ${one(room!.name)}: ${one(session.title)}${who ? ` (${who})` : ''}`);
		}
		out.push('');
	}
	const unplaced = order.filter((p) => !p.slot);
	if (unplaced.length) {
		out.push(`## ${one(words.unplaced)}`, '');
		for (const { session } of unplaced) {
			const who = hosts(session);
			out.push(`- ${one(session.title)}${who ? ` (${who})` : ''}`);
		}
		out.push('');
	}
	const withNotes = order.filter((p) => p.session.notes.trim() !== '');
	if (withNotes.length) {
		out.push(`## ${one(words.notes)}`, '');
		for (const { session, room, slot } of withNotes) {
			out.push(`### ${one(session.title)}`, '');
			const where = [
				room ? one(room.name) : null,
				slot ? `${one(dayName(slot.start, words))}, ${one(timeRange(slot.start, slot.end, words))}` : null,
				hosts(session)
			].filter((x): x is string => x !== null);
			if (where.length) out.push(where.join(' · '), '');
			out.push(fenceBlock(cleanNotes(session.notes)), '');
		}
	}
	return out.join('\n');
}

// ---------------------------------------------------------------------------------------------------------------
// iCalendar (RFC 5545)

/**
 * A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, every line break as `\n`; control
 * characters other than tab (which TEXT does not allow) and lone surrogates (which UTF-8 cannot carry) are dropped.
 */
export function icsText(s: string): string {
	return unixLines(s)
		.replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '')
		.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
		.replace(/[\\;,]/g, '\\$&')
		.replace(/\n/g, '\\n');
}

/** Octets of one code point in UTF-8. */
const utf8Length = (ch: string) => {
	const cp = ch.codePointAt(0)!;
	return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
};

/**
 * Folds one content line (RFC 5545 3.1): no physical line longer than 75 octets of UTF-8, continuation lines start
 * with a space, and a break never falls inside a character (the line is cut between code points).
 */
export function foldLine(line: string): string {
	let out = '';
	let octets = 0;
	for (const ch of line) {
		const n = utf8Length(ch);
		if (octets + n > 75) (out += '\r\n '), (octets = 1);
		out += ch;
		octets += n;
	}
	return out;
}

/** UTC date-time (RFC 5545 3.3.5, form 2): 20261125T090000Z. */
export function icsDate(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/**
 * iCalendar export (RFC 5545): one VEVENT per placed session (only those in `only`, for a participant's own
 * schedule), and, for the whole day (`only` absent), one per common event (breaks are left out). Times in UTC, UIDs
 * stable across exports (`<sessionId>@<uidDomain>`, a common event `<slotId>@<uidDomain>`) so a calendar that imports
 * it again updates the events instead of doubling them; DTSTAMP is the model's `now`. The summary is the title, the
 * location the room, the description the session's description and its hosts (`words.hosts` labels them; a common
 * event without a label is called `words.slotKind.common`). CRLF line endings, lines folded at 75 octets.
 */
export function exportIcs(
	model: CampExportModel,
	opts: { calendarName: string; only?: ReadonlySet<string>; uidDomain: string; words?: Pick<CampExportWords, 'hosts' | 'slotKind'> }
): string {
	const events: { start: number; order: number; lines: string[] }[] = [];
	const stamp = icsDate(model.now);
	const prop = (name: string, value: string) => `${name}:${icsText(value)}`;
	const uid = (id: string) => prop('UID', `${id}@${opts.uidDomain}`);
	gridOrder(model).forEach(({ session: s, room, slot }, order) => {
		if (!room || !slot) return;
		if (opts.only && !opts.only.has(s.id)) return;
		const names = publicHosts(s).join(', ');
		const about = [s.description.trim(), names ? (opts.words ? opts.words.hosts(names) : names) : ''].filter(Boolean).join('\n\n');
		events.push({
			start: slot.start,
			order,
			lines: [
				uid(s.id),
				`DTSTAMP:${stamp}`,
				`DTSTART:${icsDate(slot.start)}`,
				`DTEND:${icsDate(slot.end)}`,
				prop('SUMMARY', s.title),
				prop('LOCATION', room.name),
				...(about ? [prop('DESCRIPTION', about)] : [])
			]
		});
	});
	if (!opts.only) {
		model.slots.forEach((slot, i) => {
			if (slot.kind !== 'common') return;
			const name = slot.label.trim() || opts.words?.slotKind.common || opts.calendarName;
			events.push({
				start: slot.start,
				// Before any session that starts at the same time (sessions count from 0 in grid order).
				order: i - model.slots.length,
				lines: [uid(slot.id), `DTSTAMP:${stamp}`, `DTSTART:${icsDate(slot.start)}`, `DTEND:${icsDate(slot.end)}`, prop('SUMMARY', name)]
			});
		});
	}
	events.sort((a, b) => a.start - b.start || a.order - b.order);
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//Plenum//BarCamp//EN',
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH',
		prop('X-WR-CALNAME', opts.calendarName),
		...events.flatMap((e) => ['BEGIN:VEVENT', ...e.lines, 'END:VEVENT']),
		'END:VCALENDAR'
	];
	return lines.map(foldLine).join('\r\n') + '\r\n';
}
