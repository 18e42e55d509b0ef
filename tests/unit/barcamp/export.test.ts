import { Parser, type Node } from 'commonmark';
import fc from 'fast-check';
import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import {
	cleanNotes,
	csvSeparatorFor,
	exportCsv,
	exportIcs,
	exportJson,
	exportMarkdown,
	foldLine,
	publicHosts,
	spreadsheetDate,
	type CampExportModel,
	type CampExportSession,
	type CampExportWords,
	type CampJson
} from '$lib/features/barcamp/export';
import { campExportWords } from '../../../server/features/barcamp/export-words';
import { parseCsv } from '../csv-reader';

const MIN = 60_000;
/** 09:00 in Berlin on the day of the camp (08:00 UTC). */
const DAY = Date.UTC(2026, 10, 25, 8, 0);
const NOW = Date.UTC(2026, 10, 25, 16, 30);
const EN = campExportWords('en', 'UTC');
const DE = campExportWords('de', 'Europe/Berlin');
const FR = campExportWords('fr', 'Europe/Paris');

function session(over: Partial<CampExportSession> & { id: string; title: string }): CampExportSession {
	return {
		description: '',
		format: 'discussion',
		needs: [],
		proposer: 'Lina',
		anonymous: false,
		cohosts: [],
		hostedBy: null,
		roomId: null,
		slotId: null,
		interest: 0,
		checkins: 0,
		notes: '',
		...over
	};
}

/** Three rooms, an opening, two session slots around a break, lunch; four placed sessions and one not placed. */
function model(over: Partial<CampExportModel> = {}): CampExportModel {
	return {
		workshop: { title: 'Jugendforum', code: 'ABCDEFG', locale: 'de' },
		camp: { id: 'camp1', title: 'BarCamp 2026' },
		rooms: [
			{ id: 'rA', name: 'Raum A', capacity: 30, features: ['projector'] },
			{ id: 'rB', name: 'Aula', capacity: 200, features: ['sound', 'projector'] },
			{ id: 'rC', name: 'Werkraum', capacity: 12, features: ['laptops'] }
		],
		slots: [
			{ id: 'open', start: DAY, end: DAY + 30 * MIN, kind: 'common', label: 'Eröffnung' },
			{ id: 'sl1', start: DAY + 30 * MIN, end: DAY + 75 * MIN, kind: 'sessions', label: '' },
			{ id: 'brk', start: DAY + 75 * MIN, end: DAY + 90 * MIN, kind: 'break', label: '' },
			{ id: 'sl2', start: DAY + 90 * MIN, end: DAY + 135 * MIN, kind: 'sessions', label: '' },
			{ id: 'lunch', start: DAY + 135 * MIN, end: DAY + 195 * MIN, kind: 'common', label: 'Mittagessen' }
		],
		sessions: [
			session({
				id: 'p1',
				title: 'Klimastreik, Schule; und dann?',
				description: 'Wir reden über Streiks.\nUnd über Noten.',
				needs: ['projector'],
				proposer: 'Lina',
				cohosts: ['Jonas'],
				roomId: 'rA',
				slotId: 'sl1',
				interest: 14,
				checkins: 11,
				notes: 'Ergebnisse:\n- mehr Demos\n- weniger Hausaufgaben'
			}),
			session({ id: 'p2', title: 'Podcasts machen', format: 'workshop', needs: ['laptops'], proposer: 'Zoë', roomId: 'rC', slotId: 'sl1', interest: 9, checkins: 8 }),
			session({ id: 'p3', title: 'Geheimes Thema', format: 'talk', proposer: 'Mo', anonymous: true, roomId: 'rB', slotId: 'sl2', interest: 30, checkins: 25 }),
			session({
				id: 'p4',
				title: 'Skaten im Park',
				format: 'other',
				proposer: 'Anouk',
				cohosts: ['Jonas'],
				hostedBy: ['Anouk'],
				roomId: 'rA',
				slotId: 'sl2',
				interest: 4,
				checkins: 3,
				notes: 'Treffpunkt: Halfpipe'
			}),
			session({ id: 'p5', title: 'Schach', proposer: 'Jonas', interest: 1 })
		],
		now: NOW,
		...over
	};
}

// ---------------------------------------------------------------------------------------------------------------
// Independent readers


/** The CSV as objects keyed by the (translated) header. */
function csvRecords(m: CampExportModel, words: CampExportWords) {
	const [header, ...rows] = parseCsv(exportCsv(m, words), csvSeparatorFor(words.locale));
	for (const r of rows) expect(r).toHaveLength(header.length);
	return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
}

/** What a spreadsheet cell shows for a text (formulas defused with an apostrophe). */
const sheet = (s: string) => (/^[=+\-@\t\r]/.test(s) ? `'${s}` : s);

interface ParsedEvent {
	uid: string;
	summary: string;
	location: string | null;
	description: string | null;
	start: string;
	end: string;
	stamp: string;
}

/** Reads an iCalendar text with ical.js: the calendar's properties and its events. */
function readIcs(text: string) {
	const cal = new ICAL.Component(ICAL.parse(text));
	const value = (c: ICAL.Component, name: string) => {
		const v = c.getFirstPropertyValue(name);
		return v === null ? null : String(v);
	};
	const utc = (c: ICAL.Component, name: string) => {
		const t = c.getFirstPropertyValue(name) as ICAL.Time;
		expect(t.zone?.tzid, `${name} is in UTC`).toBe('UTC');
		return t.toJSDate().toISOString();
	};
	const events: ParsedEvent[] = cal.getAllSubcomponents('vevent').map((e) => ({
		uid: value(e, 'uid')!,
		summary: value(e, 'summary')!,
		location: value(e, 'location'),
		description: value(e, 'description'),
		start: utc(e, 'dtstart'),
		end: utc(e, 'dtend'),
		stamp: utc(e, 'dtstamp')
	}));
	// ical.js hands X- properties back as typed; RFC 5545 (3.8.8.2) makes them TEXT, so they are unescaped here.
	const unescapeText = (v: string | null) => v?.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c)) ?? null;
	const props = Object.fromEntries(['version', 'prodid', 'calscale'].map((p) => [p, value(cal, p)]));
	return { cal, name: cal.name, props: { ...props, 'x-wr-calname': unescapeText(value(cal, 'x-wr-calname')) }, events };
}

/** The physical lines of an iCalendar text as bytes, each decoded strictly (a character cut in two would throw). */
function physicalLines(text: string): { line: string; octets: number }[] {
	expect(text.endsWith('\r\n')).toBe(true);
	expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
	const bytes = Buffer.from(text, 'utf8');
	// Well-formed: a surrogate pair cut in two by a fold would be written as U+FFFD and not come back.
	expect(bytes.toString('utf8') === text, 'the text survives UTF-8 unchanged').toBe(true);
	const strict = new TextDecoder('utf-8', { fatal: true });
	const lines: { line: string; octets: number }[] = [];
	let from = 0;
	for (let i = 0; i < bytes.length - 1; i++) {
		if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) {
			const chunk = bytes.subarray(from, i);
			lines.push({ line: strict.decode(chunk), octets: chunk.length });
			from = i + 2;
			i++;
		}
	}
	return lines;
}

const iso = (ms: number) => new Date(ms).toISOString();
const ICS = { calendarName: 'BarCamp 2026', uidDomain: 'plenum.example' };

// ---------------------------------------------------------------------------------------------------------------

describe('exportIcs', () => {
	it('is a calendar with one event per placed session and per common event, in UTC, with stable UIDs', () => {
		const m = model();
		const text = exportIcs(m, { ...ICS, words: DE });
		const { props, events, name } = readIcs(text);
		expect(name).toBe('vcalendar');
		expect(props).toEqual({ version: '2.0', prodid: '-//Plenum//BarCamp//EN', calscale: 'GREGORIAN', 'x-wr-calname': 'BarCamp 2026' });
		// Breaks and sessions not placed are not in it; the events come in time order.
		expect(events.map((e) => e.uid)).toEqual([
			'open@plenum.example',
			'p1@plenum.example',
			'p2@plenum.example',
			'p4@plenum.example',
			'p3@plenum.example',
			'lunch@plenum.example'
		]);
		const byUid = new Map(events.map((e) => [e.uid.split('@')[0], e]));
		expect(byUid.get('p1')).toEqual({
			uid: 'p1@plenum.example',
			summary: 'Klimastreik, Schule; und dann?',
			location: 'Raum A',
			description: 'Wir reden über Streiks.\nUnd über Noten.\n\nGastgeber: Lina, Jonas',
			start: iso(DAY + 30 * MIN),
			end: iso(DAY + 75 * MIN),
			stamp: iso(NOW)
		});
		expect(byUid.get('p3')).toMatchObject({ summary: 'Geheimes Thema', location: 'Aula', start: iso(DAY + 90 * MIN), end: iso(DAY + 135 * MIN) });
		expect(byUid.get('p4')!.description).toBe('Gastgeber: Anouk');
		expect(byUid.get('open')).toEqual({ uid: 'open@plenum.example', summary: 'Eröffnung', location: null, description: null, start: iso(DAY), end: iso(DAY + 30 * MIN), stamp: iso(NOW) });
		expect(text).toContain('\r\nDTSTART:20261125T083000Z\r\n');
		expect(text).toContain('\r\nDTSTAMP:20261125T163000Z\r\n');
		expect(text).toContain('\r\nSUMMARY:Klimastreik\\, Schule\\; und dann?\r\n');
	});

	it('is the same text for the same model, so UIDs and everything else are stable across downloads', () => {
		expect(exportIcs(model(), ICS)).toBe(exportIcs(model(), ICS));
		const moved = model();
		moved.sessions[0] = { ...moved.sessions[0], roomId: 'rB', slotId: 'sl2' };
		const e = readIcs(exportIcs(moved, ICS)).events.find((x) => x.uid === 'p1@plenum.example')!;
		expect(e).toMatchObject({ location: 'Aula', start: iso(DAY + 90 * MIN) });
	});

	it('never names an anonymous proposer, even as a confirmed host', () => {
		const m = model();
		m.sessions[2] = { ...m.sessions[2], cohosts: ['Jonas'], hostedBy: ['Mo', 'Jonas'] };
		const text = exportIcs(m, { ...ICS, words: EN });
		expect(text).not.toContain('Mo');
		expect(readIcs(text).events.find((e) => e.uid === 'p3@plenum.example')!.description).toBe('Hosts: Jonas');
	});

	it('with `only`, holds just those placed sessions: no common events, nothing not placed', () => {
		const { events } = readIcs(exportIcs(model(), { ...ICS, only: new Set(['p4', 'p1', 'p5', 'nope']) }));
		expect(events.map((e) => e.uid)).toEqual(['p1@plenum.example', 'p4@plenum.example']);
		expect(readIcs(exportIcs(model(), { ...ICS, only: new Set() })).events).toEqual([]);
	});

	it('escapes commas, semicolons, backslashes and line breaks, and keeps emoji whole', () => {
		const title = 'Games 🎮, Code; und \\o/ 👩🏽‍💻';
		const description = 'Zeile 1\r\nZeile 2\rZeile 3\nA,B;C\\D: E';
		const m = model({ sessions: [session({ id: 'x', title, description, proposer: null, roomId: 'rA', slotId: 'sl1' })] });
		const text = exportIcs(m, ICS);
		expect(text).toContain('SUMMARY:Games 🎮\\, Code\\; und \\\\o/ 👩🏽‍💻\r\n');
		const e = readIcs(text).events.find((x) => x.uid === 'x@plenum.example')!;
		expect(e.summary).toBe(title);
		expect(e.description).toBe('Zeile 1\nZeile 2\nZeile 3\nA,B;C\\D: E');
	});

	it('folds long German titles at 75 octets without cutting an umlaut or an emoji in two', () => {
		const title =
			'Größenwahnsinnige Donaudampfschifffahrtsgesellschaftskapitänsmützenträgerinnen überprüfen äußerst gründlich 🚢🚢🚢 Übergrößenänderungsschneidereien';
		const room = 'Gemeinschaftsraum im Erdgeschoss neben der Aula (Zugang über den Schulhof, Tür Ö)';
		const m = model({
			rooms: [{ id: 'rA', name: room, capacity: 10, features: [] }],
			sessions: [session({ id: 'long', title, description: 'ä'.repeat(200), proposer: 'Ümit', roomId: 'rA', slotId: 'sl1' })]
		});
		const text = exportIcs(m, { ...ICS, calendarName: `${title} – Übersicht`, words: DE });
		const lines = physicalLines(text);
		expect(Math.max(...lines.map((l) => l.octets))).toBeLessThanOrEqual(75);
		expect(lines.some((l) => l.line.startsWith(' '))).toBe(true);
		// A line is folded only when needed: the first part of a folded line is filled up to the limit.
		const summaryAt = lines.findIndex((l) => l.line.startsWith('SUMMARY:Größen'));
		expect(lines[summaryAt].octets).toBeGreaterThan(71);
		const { events, props } = readIcs(text);
		expect(events.find((e) => e.uid === 'long@plenum.example')).toMatchObject({ summary: title, location: room, description: `${'ä'.repeat(200)}\n\nGastgeber: Ümit` });
		expect(props['x-wr-calname']).toBe(`${title} – Übersicht`);
	});

	it('folds at code points: exactly 75 octets stay on one line, 76 fold, and a 4-octet emoji moves whole', () => {
		expect(foldLine('A'.repeat(75))).toBe('A'.repeat(75));
		expect(foldLine('A'.repeat(76))).toBe(`${'A'.repeat(75)}\r\n A`);
		expect(foldLine(`${'A'.repeat(73)}🎉`)).toBe(`${'A'.repeat(73)}\r\n 🎉`);
		expect(foldLine(`${'A'.repeat(71)}🎉`)).toBe(`${'A'.repeat(71)}🎉`);
		expect(foldLine(`${'A'.repeat(74)}ä`)).toBe(`${'A'.repeat(74)}\r\n ä`);
	});

	it('drops control characters that TEXT cannot carry', () => {
		const m = model({ sessions: [session({ id: 'x', title: 'a\u0000b\u0007c\u001bd\u007fe\tf', proposer: null, roomId: 'rA', slotId: 'sl1' })] });
		const text = exportIcs(m, ICS);
		expect(text).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/);
		expect(readIcs(text).events.find((e) => e.uid === 'x@plenum.example')!.summary).toBe('abcde\tf');
	});

	// Text as people type it: any code point (emoji, umlauts, CJK), with the characters TEXT escapes and line breaks
	// of every kind mixed in; C0 controls other than tab are left to the test above.
	const typed = fc.string({
		unit: fc.oneof(
			{ weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((c) => !/[\u0000-\u0008\u000A-\u001F\u007F]/.test(c)) },
			{ weight: 1, arbitrary: fc.constantFrom(',', ';', '\\', ':', '"', '\n', '\r\n', '\r', ' ', '\t', 'ä', 'ß', '🎉', '👩🏽‍💻', '\\n', '\\,') }
		),
		maxLength: 300,
		size: 'large'
	});
	const normalised = (s: string) => s.replace(/\r\n?/g, '\n');

	it('round-trips arbitrary titles, room names and descriptions through ical.js, every line at most 75 octets', () => {
		fc.assert(
			fc.property(typed, typed, typed, typed, (title, room, description, calendarName) => {
				const m = model({
					rooms: [{ id: 'r', name: room, capacity: 10, features: [] }],
					sessions: [session({ id: 's', title, description, proposer: null, roomId: 'r', slotId: 'sl2' })]
				});
				const text = exportIcs(m, { ...ICS, calendarName, only: new Set(['s']) });
				for (const l of physicalLines(text)) expect(l.octets).toBeLessThanOrEqual(75);
				const { events, props } = readIcs(text);
				expect(events).toHaveLength(1);
				expect(events[0].summary).toBe(normalised(title));
				expect(events[0].location).toBe(normalised(room));
				expect(events[0].description).toBe(description.trim() ? normalised(description.trim()) : null);
				expect(props['x-wr-calname']).toBe(normalised(calendarName));
			}),
			{ numRuns: 300 }
		);
	});
});

// ---------------------------------------------------------------------------------------------------------------

describe('exportCsv', () => {
	it('has one row per session in grid order, with the day in the workshop\'s language, zone and separator', () => {
		const text = exportCsv(model(), DE);
		expect(text.startsWith('\uFEFF')).toBe(true);
		expect(text.endsWith('\r\n')).toBe(true);
		const rows = parseCsv(text, ';');
		expect(rows[0]).toEqual([
			'ID',
			'Beginn',
			'Ende',
			'Raum',
			'Titel',
			'Beschreibung',
			'Format',
			'Benötigt',
			'Vorgeschlagen von',
			'Anonym',
			'Co-Gastgeber',
			'Bestätigte Gastgeber',
			'Interessiert',
			'Eingecheckt',
			'Notizen'
		]);
		expect(rows.slice(1).map((r) => r[0])).toEqual(['p1', 'p2', 'p4', 'p3', 'p5']);
		expect(rows[1]).toEqual([
			'p1',
			'25.11.2026 09:30',
			'25.11.2026 10:15',
			'Raum A',
			'Klimastreik, Schule; und dann?',
			'Wir reden über Streiks.\nUnd über Noten.',
			'Diskussion',
			'Beamer',
			'Lina',
			'',
			'Jonas',
			'',
			'14',
			'11',
			'Ergebnisse:\n- mehr Demos\n- weniger Hausaufgaben'
		]);
		// The facilitator's data names an anonymous proposer, and says so.
		expect(rows[4]).toEqual(['p3', '25.11.2026 10:30', '25.11.2026 11:15', 'Aula', 'Geheimes Thema', '', 'Vortrag', '', 'Mo', 'ja', '', '', '30', '25', '']);
		expect(rows[3].slice(10, 12)).toEqual(['Jonas', 'Anouk']);
		// Not placed: no times, no room.
		expect(rows[5].slice(0, 5)).toEqual(['p5', '', '', '', 'Schach']);
	});

	it('is in English with commas and in French with semicolons', () => {
		const en = parseCsv(exportCsv(model(), EN), ',');
		expect(en[0].slice(0, 5)).toEqual(['ID', 'Start', 'End', 'Room', 'Title']);
		expect(en[1].slice(1, 3)).toEqual(['11/25/2026 08:30 AM', '11/25/2026 09:15 AM']);
		const fr = parseCsv(exportCsv(model(), FR), ';');
		expect(fr[0].slice(0, 5)).toEqual(['ID', 'Début', 'Fin', 'Salle', 'Titre']);
		expect(fr[2].slice(1, 8)).toEqual(['25/11/2026 09:30', '25/11/2026 10:15', 'Werkraum', 'Podcasts machen', '', 'Atelier', 'Ordinateurs portables']);
		expect(spreadsheetDate(DAY, DE)).toBe('25.11.2026 09:00');
	});

	it.each(['=HYPERLINK("http://evil.example","x")', '+1+1', '-2+3', '@SUM(A1:A2)', '\tcmd', '\rcmd'])(
		'defuses a cell a spreadsheet would run as a formula, in every text column: %j',
		(evil) => {
			const m = model({
				rooms: [{ id: 'rA', name: evil, capacity: 10, features: [] }],
				sessions: [session({ id: 'x', title: evil, description: evil, proposer: evil, cohosts: [evil], hostedBy: [evil], roomId: 'rA', slotId: 'sl1', notes: evil })]
			});
			const [, row] = parseCsv(exportCsv(m, EN));
			// Room, title, description, proposer, co-hosts, confirmed hosts; notes keep their text but lose the CR.
			for (const i of [3, 4, 5, 8, 10, 11]) expect(row[i], `column ${i}`).toBe(`'${evil}`);
			expect(row[14]).toBe(sheet(cleanNotes(evil)));
			expect(row[14]).not.toMatch(/^[=+\-@\t\r]/);
		}
	);

	it('leaves ordinary text and the counts alone', () => {
		const m = model({ sessions: [session({ id: 'x', title: 'a = b + c', roomId: 'rA', slotId: 'sl1', interest: 5 })] });
		const [, row] = parseCsv(exportCsv(m, EN));
		expect(row[4]).toBe('a = b + c');
		expect(row[12]).toBe('5');
	});

	const typed = fc.string({
		unit: fc.oneof(
			{ weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
			{ weight: 1, arbitrary: fc.constantFrom('"', ',', ';', '\n', '\r\n', '=', '+', '-', '@', '\t', '""', 'ä', '🎉') }
		),
		maxLength: 120,
		size: 'large'
	});

	it.each([
		['en', EN],
		['de', DE],
		['fr', FR]
	] as const)('round-trips arbitrary titles, names and notes through an RFC 4180 reader (%s)', (_locale, words) => {
		fc.assert(
			fc.property(typed, typed, typed, typed, fc.nat(1000), (title, proposer, cohost, notes, interest) => {
				const m = model({ sessions: [session({ id: 'x', title, proposer, cohosts: [cohost], notes, interest, roomId: 'rB', slotId: 'sl2' })] });
				const [record] = csvRecords(m, words);
				const h = words.headers;
				expect(record[h.title]).toBe(sheet(title));
				expect(record[h.proposer]).toBe(sheet(proposer));
				expect(record[h.cohosts]).toBe(sheet(cohost));
				expect(record[h.notes]).toBe(sheet(cleanNotes(notes)));
				expect(record[h.interest]).toBe(String(interest));
				expect(record[h.room]).toBe('Aula');
			}),
			{ numRuns: 200 }
		);
	});

	it('carries the same facts as the JSON, for every session', () => {
		for (const words of [EN, DE, FR]) {
			const json: CampJson = JSON.parse(exportJson(model()));
			const h = words.headers;
			const records = csvRecords(model(), words);
			expect(records.map((r) => r[h.id])).toEqual(json.sessions.map((s) => s.id));
			json.sessions.forEach((s, i) => {
				expect(records[i]).toEqual({
					[h.id]: s.id,
					[h.start]: s.start ? spreadsheetDate(Date.parse(s.start), words) : '',
					[h.end]: s.end ? spreadsheetDate(Date.parse(s.end), words) : '',
					[h.room]: s.room ?? '',
					[h.title]: s.title,
					[h.description]: s.description,
					[h.format]: words.format[s.format],
					[h.needs]: s.needs.map((f) => words.feature[f]).join(', '),
					[h.proposer]: s.proposer ?? '',
					[h.anonymous]: s.anonymous ? words.yes : '',
					[h.cohosts]: s.cohosts.join(', '),
					[h.hostedBy]: s.hostedBy?.join(', ') ?? '',
					[h.interest]: String(s.interest),
					[h.checkins]: String(s.checkins),
					[h.notes]: s.notes
				});
			});
		}
	});
});

// ---------------------------------------------------------------------------------------------------------------

/** The document's block structure as CommonMark's reference parser sees it. */
function blocks(md: string) {
	const doc = new Parser().parse(md);
	const top: Node[] = [];
	for (let n = doc.firstChild; n; n = n.next) top.push(n);
	const text = (n: Node): string => {
		let s = '';
		const walker = n.walker();
		for (let e = walker.next(); e; e = walker.next()) if (e.entering && (e.node.type === 'text' || e.node.type === 'code')) s += e.node.literal ?? '';
		return s;
	};
	return {
		top,
		headings: top.filter((n) => n.type === 'heading').map((n) => `${'#'.repeat(n.level)} ${text(n)}`),
		code: top.filter((n) => n.type === 'code_block').map((n) => n.literal ?? ''),
		html: (() => {
			const found: string[] = [];
			const walker = doc.walker();
			for (let e = walker.next(); e; e = walker.next()) if (e.entering && (e.node.type === 'html_block' || e.node.type === 'html_inline')) found.push(e.node.literal ?? '');
			return found;
		})(),
		text
	};
}

describe('exportMarkdown', () => {
	it('shows the grid slot by slot, breaks and common events as their own lines, then what is not placed', () => {
		const md = exportMarkdown(model(), DE);
		expect(md).toContain('# Jugendforum: BarCamp 2026\n\nCode ABCD-EFG · exportiert am 25. November 2026 um 17:30 MEZ\n');
		expect(md).toContain(
			[
				'## Sessionplan',
				'',
				'### Mittwoch, 25. November 2026',
				'',
				'#### 09:00–09:30 Uhr · Eröffnung',
				'',
				'#### 09:30–10:15 Uhr',
				'',
				'- Raum A: Klimastreik, Schule; und dann? (Gastgeber: Lina, Jonas)',
				'- Werkraum: Podcasts machen (Gastgeber: Zoë)',
				'',
				'#### 10:15–10:30 Uhr · Pause',
				'',
				'#### 10:30–11:15 Uhr',
				'',
				'- Raum A: Skaten im Park (Gastgeber: Anouk)',
				'- Aula: Geheimes Thema',
				'',
				'#### 11:15–12:15 Uhr · Mittagessen',
				'',
				'## Nicht im Sessionplan',
				'',
				'- Schach (Gastgeber: Jonas)',
				''
			].join('\n')
		);
		// The room's document: no anonymous proposer, no counts.
		expect(md).not.toContain('Mo');
		for (const word of [DE.headers.interest, DE.headers.checkins, DE.headers.anonymous]) expect(md).not.toContain(word);
	});

	it('is in English and in French too, and says when a slot has no session', () => {
		const m = model({ sessions: model().sessions.filter((s) => s.slotId !== 'sl2') });
		const en = exportMarkdown(m, EN);
		expect(en).toContain('## Session grid\n\n### Wednesday, November 25, 2026\n\n#### 8:00 – 8:30 AM · Eröffnung');
		expect(en).toContain('#### 9:30 – 10:15 AM\n\nNo session in this slot.\n');
		expect(en).toContain('#### 9:15 – 9:30 AM · Break');
		expect(en).toContain('## Session notes');
		const fr = exportMarkdown(m, FR);
		expect(fr).toContain('## Grille des sessions\n\n### mercredi 25 novembre 2026');
		expect(fr).toContain('- Raum A: Klimastreik, Schule; und dann? (Animateurs\u00a0: Lina, Jonas)');
		expect(fr).toContain('Aucune session dans ce créneau.');
	});

	it('puts each session\'s notes in its own section with room, time and hosts, verbatim in a code block', () => {
		const md = exportMarkdown(model(), DE);
		const { headings, code } = blocks(md);
		expect(headings.slice(-3)).toEqual(['## Notizen der Sessions', '### Klimastreik, Schule; und dann?', '### Skaten im Park']);
		expect(code).toEqual(['Ergebnisse:\n- mehr Demos\n- weniger Hausaufgaben\n', 'Treffpunkt: Halfpipe\n']);
		expect(md).toContain('### Skaten im Park\n\nRaum A · Mittwoch, 25. November 2026, 10:30–11:15 Uhr · Gastgeber: Anouk\n\n```text\nTreffpunkt: Halfpipe\n```\n');
	});

	it('keeps notes with fences, headings and HTML inside their section', () => {
		const notes = [
			'# Ergebnisse',
			'```',
			'## Session notes',
			'````js',
			'alert(1)',
			'````',
			'~~~',
			'<script>alert(2)</script>',
			'    ### eingerückt',
			'- [link](javascript:alert(3))',
			'```````',
			'',
			'Ende'
		].join('\n');
		const m = model();
		m.sessions[0] = { ...m.sessions[0], notes };
		const md = exportMarkdown(m, EN);
		const { headings, code, html, top } = blocks(md);
		expect(headings).toEqual([
			'# Jugendforum: BarCamp 2026',
			'## Session grid',
			'### Wednesday, November 25, 2026',
			'#### 8:00 – 8:30 AM · Eröffnung',
			'#### 8:30 – 9:15 AM',
			'#### 9:15 – 9:30 AM · Break',
			'#### 9:30 – 10:15 AM',
			'#### 10:15 – 11:15 AM · Mittagessen',
			'## Not in the grid',
			'## Session notes',
			'### Klimastreik, Schule; und dann?',
			'### Skaten im Park'
		]);
		expect(code[0]).toBe(`${notes}\n`);
		expect(html).toEqual([]);
		// The notes block is the last thing in its section: the next block is the next session's heading.
		const at = top.findIndex((n) => n.type === 'code_block');
		expect(top[at + 1].type).toBe('heading');
		expect(md).toContain('````````text\n# Ergebnisse\n');
	});

	it('keeps arbitrary notes verbatim and the document\'s headings unchanged (property)', () => {
		const piece = fc.constantFrom('`', '```', '````', '~~~', '#', '## x', '\n', '\r\n', '    ', '\t', '<div>', '</pre>', '>', '- ', '1. ', '[a]: /b', '***', '===', 'Text', 'ä', '🎉', ' ');
		const notesArb = fc.string({ unit: fc.oneof(piece, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((c) => c !== '\u0000')), maxLength: 300, size: 'large' });
		const expected = exportMarkdown(model(), EN);
		const expectedHeadings = blocks(expected).headings;
		fc.assert(
			fc.property(notesArb, notesArb, (a, b) => {
				fc.pre(a.trim() !== '' && b.trim() !== '');
				const m = model();
				m.sessions[0] = { ...m.sessions[0], notes: a };
				m.sessions[4] = { ...m.sessions[4], notes: b };
				const { headings, code, html } = blocks(exportMarkdown(m, EN));
				expect(headings).toEqual([...expectedHeadings, '### Schach']);
				expect(code).toEqual([cleanNotes(a), cleanNotes(m.sessions[3].notes), cleanNotes(b)].map((c) => `${c}\n`));
				expect(html).toEqual([]);
			}),
			{ numRuns: 300 }
		);
	});

	it('escapes titles, names, rooms and labels', () => {
		const m = model({
			workshop: { title: '[W](http://x)', code: 'ABCDEFG', locale: 'en' },
			rooms: [{ id: 'rA', name: '<b>Raum</b>', capacity: 10, features: [] }],
			slots: [{ id: 'sl1', start: DAY, end: DAY + 45 * MIN, kind: 'sessions', label: '' }, { id: 'c', start: DAY + 60 * MIN, end: DAY + 90 * MIN, kind: 'common', label: '# Mittag' }],
			sessions: [session({ id: 'x', title: '# Titel <img src=x onerror=alert(1)>', proposer: '&lt;Eve&gt;', roomId: 'rA', slotId: 'sl1', notes: 'n' })]
		});
		const md = exportMarkdown(m, EN);
		const { headings, html } = blocks(md);
		expect(html).toEqual([]);
		expect(headings).toContain('### # Titel <img src=x onerror=alert(1)>');
		expect(headings).toContain('#### 9:00 – 9:30 AM · # Mittag');
		expect(md).toContain('- \\<b>Raum\\</b>: \\# Titel \\<img src=x onerror=alert(1)> (Hosts: \\&lt;Eve\\&gt;)');
		expect(md.split('\n')[0]).toBe('# \\[W\\](http://x): BarCamp 2026');
	});

	it('leaves the notes section out when no session has notes, and whitespace-only notes count as none', () => {
		const m = model();
		m.sessions = m.sessions.map((s) => ({ ...s, notes: s.id === 'p1' ? ' \n\t\n' : '' }));
		expect(exportMarkdown(m, EN)).not.toContain('## Session notes');
	});
});

// ---------------------------------------------------------------------------------------------------------------

describe('exportJson', () => {
	it('has a stable, documented shape: English keys, ISO times, sessions in grid order with their place', () => {
		const text = exportJson(model());
		expect(text).toBe(exportJson(model()));
		const json: CampJson = JSON.parse(text);
		expect(Object.keys(json)).toEqual(['version', 'exportedAt', 'workshop', 'camp', 'rooms', 'slots', 'sessions']);
		expect(json.version).toBe(1);
		expect(json.exportedAt).toBe(iso(NOW));
		expect(json.workshop).toEqual({ title: 'Jugendforum', code: 'ABCDEFG', locale: 'de' });
		expect(json.camp).toEqual({ id: 'camp1', title: 'BarCamp 2026' });
		expect(json.slots[1]).toEqual({ id: 'sl1', start: iso(DAY + 30 * MIN), end: iso(DAY + 75 * MIN), kind: 'sessions', label: '' });
		expect(json.sessions.map((s) => s.id)).toEqual(['p1', 'p2', 'p4', 'p3', 'p5']);
		expect(json.sessions[0]).toEqual({
			id: 'p1',
			title: 'Klimastreik, Schule; und dann?',
			description: 'Wir reden über Streiks.\nUnd über Noten.',
			format: 'discussion',
			needs: ['projector'],
			proposer: 'Lina',
			anonymous: false,
			cohosts: ['Jonas'],
			hostedBy: null,
			roomId: 'rA',
			slotId: 'sl1',
			room: 'Raum A',
			start: iso(DAY + 30 * MIN),
			end: iso(DAY + 75 * MIN),
			interest: 14,
			checkins: 11,
			notes: 'Ergebnisse:\n- mehr Demos\n- weniger Hausaufgaben'
		});
		expect(json.sessions[3]).toMatchObject({ proposer: 'Mo', anonymous: true });
		expect(json.sessions[4]).toMatchObject({ roomId: null, slotId: null, room: null, start: null, end: null });
	});

	it('counts a session whose room or slot is gone as not placed', () => {
		const m = model();
		m.sessions[0] = { ...m.sessions[0], roomId: 'gone' };
		m.sessions[1] = { ...m.sessions[1], slotId: null };
		const json: CampJson = JSON.parse(exportJson(m));
		expect(json.sessions.map((s) => s.id)).toEqual(['p4', 'p3', 'p1', 'p2', 'p5']);
		expect(json.sessions[2]).toMatchObject({ roomId: null, slotId: null, start: null });
	});
});

describe('publicHosts and the words', () => {
	it('names confirmed hosts once confirmed, else proposer and co-hosts, never an anonymous proposer', () => {
		expect(publicHosts(session({ id: 'a', title: 't', proposer: 'Lina', cohosts: ['Jonas'] }))).toEqual(['Lina', 'Jonas']);
		expect(publicHosts(session({ id: 'a', title: 't', proposer: 'Lina', cohosts: ['Jonas'], hostedBy: ['Jonas'] }))).toEqual(['Jonas']);
		expect(publicHosts(session({ id: 'a', title: 't', proposer: 'Mo', anonymous: true, cohosts: ['Jonas'] }))).toEqual(['Jonas']);
		expect(publicHosts(session({ id: 'a', title: 't', proposer: 'Mo', anonymous: true, hostedBy: ['Mo', 'Mo'] }))).toEqual(['Mo']);
		expect(publicHosts(session({ id: 'a', title: 't', proposer: null, anonymous: true, cohosts: ['Jonas'] }))).toEqual(['Jonas']);
	});

	it('has every header in each language, different from each other, and ignores an unknown time zone', () => {
		for (const w of [EN, DE, FR]) {
			const headers = Object.values(w.headers);
			expect(headers.every((h) => h.trim() !== '')).toBe(true);
			expect(new Set(headers).size).toBe(headers.length);
		}
		expect(campExportWords('de', 'Mars/Olympus').timeZone).toBeUndefined();
		expect(campExportWords('de', 'Europe/Berlin').timeZone).toBe('Europe/Berlin');
		expect(DE.hosts('A, B')).toBe('Gastgeber: A, B');
	});
});
