import { createRequire } from 'node:module';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import fc from 'fast-check';
import jsQR from 'jsqr';
import { getDocument, GlobalWorkerOptions, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { rgba, type PdfImage } from '../helpers/pdf-image';
import { describe, expect, it } from 'vitest';
import { jsonResume } from '../../server/badges/exports/json-resume';
import { cvLabels } from '../../server/badges/exports/labels';
import { renderCvPdf } from '../../server/badges/exports/pdf';
import type { CvEntry, CvModel } from '../../server/badges/exports/types';
import { toWinAnsi } from '../../server/badges/exports/win-ansi';
import { credentialsZip, slug } from '../../server/badges/exports/zip';

const require = createRequire(import.meta.url);
const pdfjsRoot = path.dirname(require.resolve('pdfjs-dist/package.json'));
GlobalWorkerOptions.workerSrc = path.join(pdfjsRoot, 'legacy/build/pdf.worker.mjs');

const ORIGIN = 'https://plenum.example.org';
const NAMES = ['Ideengeberin', 'Équipe créative', 'Feedback für alle', 'Présentation réussie', 'Größte Hilfe', 'Jurypreis', 'Publikumspreis', 'Sessionhost'];

function entry(i: number, kind: 'badge' | 'degree' = 'badge', over: Partial<CvEntry> = {}): CvEntry {
	return {
		credentialId: `cred-${i}`,
		name: `${NAMES[i % NAMES.length]} ${i}`,
		description: 'Hat im Co-Creation-Treffen Ideen eingebracht, die nach der Moderation auf der Pinnwand geblieben sind. Ça compte.',
		criteria: 'Mindestens drei Karten, die nach der Moderation sichtbar sind; gelöschte oder leere zählen nicht.',
		issuerName: 'Jugend forscht Köln e.V.',
		issuerUrl: 'https://jufo-koeln.example.org',
		issuedAt: new Date(Date.UTC(2026, 2, 12 + (i % 10), 10)),
		verifyUrl: `${ORIGIN}/credentials/0f3c9a2e-5b1d-4c8e-9a7f-${String(i).padStart(12, '0')}`,
		skills: [`skill-${i % 3}`, 'teamwork'],
		workshopTitle: 'Robotik-Tag',
		kind,
		...over
	};
}

/** A CV of one micro-degree and `badges` badges in four skill areas. */
function model(badges: number, holderName: string | null = null, locale: CvModel['locale'] = 'de'): CvModel {
	const entries = Array.from({ length: badges }, (_, i) => entry(i + 1));
	return {
		holderName,
		locale,
		degrees: [entry(0, 'degree', { name: 'Micro-Degree Co-Creation' })],
		groups: ['ideas', 'feedback', 'hosting', 'teams'].map((skillArea, g) => ({
			skillArea,
			label: `Bereich ${skillArea} – Zusammenarbeit`,
			entries: entries.filter((_, i) => i % 4 === g)
		}))
	};
}

const allEntries = (m: CvModel) => [...m.degrees, ...m.groups.flatMap((g) => g.entries)];

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
	m[0] * n[0] + m[1] * n[2],
	m[0] * n[1] + m[1] * n[3],
	m[2] * n[0] + m[3] * n[2],
	m[2] * n[1] + m[3] * n[3],
	m[4] * n[0] + m[5] * n[2] + n[4],
	m[4] * n[1] + m[5] * n[3] + n[5]
];

interface Opened {
	pages: number;
	title: string;
	author: string | undefined;
	text: string;
	links: { url: string; rect: number[] }[];
	/** Every image on every page, decoded as a QR code, with the name drawn to its right at its top. */
	qrs: { page: number; url: string | null; nameBeside: string }[];
}

async function open(pdf: Buffer): Promise<Opened> {
	const doc = await getDocument({
		data: new Uint8Array(pdf),
		isEvalSupported: false,
		isOffscreenCanvasSupported: false,
		standardFontDataUrl: path.join(pdfjsRoot, 'standard_fonts') + '/',
		verbosity: 0
	}).promise;
	const meta = await doc.getMetadata();
	const info = meta.info as { Title?: string; Author?: string };
	const texts: string[] = [];
	const links: Opened['links'] = [];
	const qrs: Opened['qrs'] = [];
	for (let n = 1; n <= doc.numPages; n++) {
		const page = await doc.getPage(n);
		const content = await page.getTextContent();
		const items = content.items.flatMap((it) => ('str' in it && it.str.trim() ? [{ str: it.str, x: it.transform[4], y: it.transform[5] }] : []));
		texts.push(items.map((i) => i.str).join(' '));
		for (const a of await page.getAnnotations()) if (a.subtype === 'Link' && a.url) links.push({ url: a.url, rect: a.rect });

		const ops = await page.getOperatorList();
		let ctm: Matrix = [1, 0, 0, 1, 0, 0];
		const stack: Matrix[] = [];
		for (let i = 0; i < ops.fnArray.length; i++) {
			const fn = ops.fnArray[i];
			const args = ops.argsArray[i];
			if (fn === OPS.save) stack.push(ctm);
			else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
			else if (fn === OPS.transform) ctm = multiply(args as Matrix, ctm);
			else if (fn === OPS.paintImageXObject || fn === OPS.paintInlineImageXObject) {
				const name = args[0] as string | PdfImage;
				const img: PdfImage = typeof name === 'string' ? (name.startsWith('g_') ? page.commonObjs.get(name) : page.objs.get(name)) : name;
				const code = jsQR(rgba(img), img.width, img.height);
				// The unit square through the current transform: the image's box on the page.
				const xs = [ctm[4], ctm[0] + ctm[4], ctm[2] + ctm[4], ctm[0] + ctm[2] + ctm[4]];
				const ys = [ctm[5], ctm[1] + ctm[5], ctm[3] + ctm[5], ctm[1] + ctm[3] + ctm[5]];
				const [left, right, bottom, top] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
				const beside = items.filter((t) => t.x > right && t.x < right + 20 && t.y <= top && t.y >= bottom).sort((a, b) => b.y - a.y);
				qrs.push({ page: n, url: code?.data ?? null, nameBeside: beside[0]?.str ?? '' });
				expect(right - left, 'a QR code at least 18 mm wide').toBeGreaterThanOrEqual((18 * 72) / 25.4);
			}
		}
	}
	const text = texts.join(' ').replace(/\s+/g, ' ');
	return { pages: doc.numPages, title: info.Title ?? '', author: info.Author, text, links, qrs };
}

describe('the CV as PDF', () => {
	it('puts three badges on one page, each with a QR code that reads as its verification page', async () => {
		const m = model(3, 'Anna Müller');
		const pdf = await open(await renderCvPdf(m, cvLabels('de', 'Europe/Berlin')));
		expect(pdf.pages).toBe(1);
		expect(pdf.title).toBe('Badges und Nachweise – Anna Müller');
		expect(pdf.author).toBe('Anna Müller');
		expect(pdf.text).toContain('Anna Müller');
		expect(pdf.text).toContain('Ausgestellt von Jugend forscht Köln e.V.');
		expect(pdf.text).toContain('12. März 2026');
		expect(pdf.text).toContain('Micro-Degrees');
		for (const e of allEntries(m)) expect(pdf.text).toContain(e.name);

		expect(pdf.qrs).toHaveLength(4);
		for (const qr of pdf.qrs) {
			const e = allEntries(m).find((x) => x.name.startsWith(qr.nameBeside.trim()) && qr.nameBeside.trim().length > 0);
			expect(e, `an entry named "${qr.nameBeside}" beside its QR code`).toBeDefined();
			expect(qr.url).toBe(e!.verifyUrl);
		}
		// Each entry's QR code and its "check it" text link point at its verification page, and nothing else is linked.
		for (const e of allEntries(m)) expect(pdf.links.filter((l) => l.url === e.verifyUrl)).toHaveLength(2);
		expect(pdf.links).toHaveLength(8);
	});

	it('keeps forty badges on at most two pages, every one with a readable QR code and a link', async () => {
		const m = model(40, 'Zoë Lefèvre');
		const pdf = await open(await renderCvPdf(m, cvLabels('fr')));
		expect(pdf.pages).toBeLessThanOrEqual(2);
		expect(pdf.qrs.map((q) => q.url).sort()).toEqual(allEntries(m).map((e) => e.verifyUrl).sort());
		for (const qr of pdf.qrs) {
			const e = allEntries(m).find((x) => x.verifyUrl === qr.url)!;
			expect(e.name.startsWith(qr.nameBeside.trim()), `"${qr.nameBeside}" beside the QR code of ${e.name}`).toBe(true);
		}
		expect(new Set(pdf.links.map((l) => l.url))).toEqual(new Set(allEntries(m).map((e) => e.verifyUrl)));
		expect(pdf.text).toContain('Délivré par Jugend forscht Köln e.V.');
		expect(pdf.text).toContain('Zoë Lefèvre');
		expect(pdf.text).toMatch(/Critères\u00a0?\s?:/);
		expect(pdf.text).not.toContain('?');
	});

	it('lists the badges that do not fit by name only, says so, and never goes to a third page', async () => {
		const m = model(150);
		const bytes = await renderCvPdf(m, cvLabels('en'));
		const pdf = await open(bytes);
		expect(pdf.pages).toBe(2);
		expect(pdf.author).toBeUndefined();
		expect(pdf.title).toBe('Badges and certificates');
		const withQr = pdf.qrs.length;
		expect(withQr).toBeGreaterThan(20);
		expect(withQr).toBeLessThan(151);
		expect(pdf.qrs.every((q) => q.url !== null)).toBe(true);
		expect(pdf.text).toContain(`${151 - withQr} more badges, listed by name only`);
		for (const e of allEntries(m)) expect(pdf.text).toContain(e.name);
		// The QR codes are the first badges in the CV's order: the micro-degree, then the skill areas.
		const order = allEntries(m).map((e) => e.verifyUrl);
		expect(pdf.qrs.map((q) => q.url).sort()).toEqual(order.slice(0, withQr).sort());
	});

	it('writes German and French letters in the standard font, and stands in for those it lacks', async () => {
		const m = model(2, 'Ævar Þórsson-Łukasz 🙂');
		m.groups[0].entries[0] = entry(1, 'badge', { name: 'äöüß ÄÖÜ éèàç œŒ «Zoë»', issuerName: 'Åsa’s Verein „Grün“ – e.V.' });
		const pdf = await open(await renderCvPdf(m, cvLabels('fr')));
		expect(pdf.text).toContain('äöüß ÄÖÜ éèàç œŒ «Zoë»');
		expect(pdf.text).toContain('Åsa’s Verein „Grün“ – e.V.');
		expect(pdf.text).toContain('Ævar Þórsson-Lukasz');
	});

	it('renders a CV without badges as one page with its heading, and a name too long for a line cut with "…"', async () => {
		const empty: CvModel = { holderName: 'Anna', locale: 'en', degrees: [], groups: [{ skillArea: 'ideas', label: 'Ideas', entries: [] }] };
		const pdf = await open(await renderCvPdf(empty, cvLabels('en')));
		expect(pdf.pages).toBe(1);
		expect(pdf.qrs).toHaveLength(0);
		expect(pdf.text).toContain('Badges and certificates');
		expect(pdf.text).not.toContain('Ideas');

		const long = model(1);
		long.groups[0].entries[0] = entry(1, 'badge', { name: 'Sehr '.repeat(60) + 'langer Name', criteria: 'X'.repeat(400) });
		const cut = await open(await renderCvPdf(long, cvLabels('de')));
		expect(cut.pages).toBe(1);
		expect(cut.text).toContain('Sehr Sehr');
		expect(cut.text).toContain('…');
		expect(cut.text).not.toContain('langer Name');
		expect(cut.qrs.map((q) => q.url).sort()).toEqual(allEntries(long).map((e) => e.verifyUrl).sort());
	});

	it('maps text to WinAnsi: kept, substituted, stripped of accents, or replaced', () => {
		expect(toWinAnsi('äöüß éèàç œ « » € …')).toBe('äöüß éèàç œ « » € …');
		expect(toWinAnsi('«\u202fOui\u202f»')).toBe('«\u00a0Oui\u00a0»');
		expect(toWinAnsi('Łódź Dvořák Ştefan')).toBe('Lódz Dvorák Stefan');
		expect(toWinAnsi('a\nb\tc')).toBe('a b c');
		expect(toWinAnsi('ok 🙂')).toBe('ok ');
		expect(toWinAnsi('中')).toBe('?');
		fc.assert(
			fc.property(fc.string({ unit: 'binary' }), (s) => {
				for (const ch of toWinAnsi(s)) {
					const c = ch.codePointAt(0)!;
					expect((c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xff) || '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ'.includes(ch)).toBe(true);
				}
			})
		);
	});
});

describe('the credentials as a zip', () => {
	const credential = (id: string, extra: object = {}) => JSON.stringify({ '@context': ['https://www.w3.org/ns/credentials/v2'], id, type: ['VerifiableCredential', 'OpenBadgeCredential'], ...extra });

	it('holds every credential as its own JSON file, byte for byte, under a safe and unique name', () => {
		const files = [
			{ name: 'Ideengeberin', json: credential(`${ORIGIN}/credentials/7f3a91c2-aaaa-bbbb-cccc-000000000001.json`) },
			{ name: 'Größte Hilfe: «Équipe» / Team', json: credential(`${ORIGIN}/credentials/9e11b2d4-aaaa-bbbb-cccc-000000000002.json`, { name: 'ü' }) },
			{ name: '../../etc/passwd', json: credential('urn:uuid:0c4d55aa-aaaa-bbbb-cccc-000000000003') },
			{ name: '🙂🙂', json: credential(`${ORIGIN}/credentials/7f3a91c2-aaaa-bbbb-cccc-000000000009.json`) },
			{ name: 'Ideengeberin', json: credential(`${ORIGIN}/credentials/7f3a91c2-aaaa-bbbb-cccc-000000000001.json`) }
		];
		const unzipped = unzipSync(credentialsZip(files));
		const names = Object.keys(unzipped);
		expect(names).toEqual([
			'ideengeberin-7f3a91c2.json',
			'groesste-hilfe-equipe-team-9e11b2d4.json',
			'etc-passwd-0c4d55aa.json',
			'badge-7f3a91c2.json',
			'ideengeberin-7f3a91c2-2.json'
		]);
		names.forEach((name, i) => {
			expect(name).toMatch(/^[a-z0-9][a-z0-9-]*\.json$/);
			expect(strFromU8(unzipped[name])).toBe(files[i].json);
			expect(JSON.parse(strFromU8(unzipped[name]))).toEqual(JSON.parse(files[i].json));
		});
	});

	it('names files safely and uniquely whatever the achievements are called', () => {
		fc.assert(
			fc.property(fc.array(fc.record({ name: fc.string({ unit: 'binary', maxLength: 80 }), id: fc.string({ maxLength: 40 }) }), { maxLength: 12 }), (input) => {
				const files = input.map((f) => ({ name: f.name, json: JSON.stringify({ id: f.id }) }));
				const unzipped = unzipSync(credentialsZip(files));
				const names = Object.keys(unzipped);
				expect(names).toHaveLength(files.length);
				for (const [i, name] of names.entries()) {
					expect(name).toMatch(/^[a-z0-9][a-z0-9-]{0,60}\.json$/);
					expect(JSON.parse(strFromU8(unzipped[name]))).toEqual(JSON.parse(files[i].json));
				}
			})
		);
		expect(slug('  ')).toBe('badge');
		expect(slug('Über-Straße Café')).toBe('ueber-strasse-cafe');
	});

	it('refuses a credential that is not JSON', () => {
		expect(() => credentialsZip([{ name: 'x', json: '{not json' }])).toThrow(SyntaxError);
	});
});

/** JSON Resume v1.0.0, the parts this export writes, as its schema (jsonresume.org) defines them. */
const ISO8601 = /^([1-2][0-9]{3}-[0-1][0-9]-[0-3][0-9]|[1-2][0-9]{3}-[0-1][0-9]|[1-2][0-9]{3})$/;
const TOP_LEVEL = ['$schema', 'basics', 'work', 'volunteer', 'education', 'awards', 'certificates', 'publications', 'skills', 'languages', 'interests', 'references', 'projects', 'meta'];

function expectJsonResume(doc: Record<string, unknown>) {
	// The schema's root allows no other properties.
	for (const key of Object.keys(doc)) expect(TOP_LEVEL, `top-level property ${key}`).toContain(key);
	if ('basics' in doc) {
		expect(typeof doc.basics).toBe('object');
		expect(typeof (doc.basics as { name: unknown }).name).toBe('string');
	}
	expect(Array.isArray(doc.certificates)).toBe(true);
	for (const c of doc.certificates as Record<string, unknown>[]) {
		expect(Object.keys(c).sort()).toEqual(['date', 'issuer', 'name', 'url']);
		expect(typeof c.name).toBe('string');
		expect(typeof c.issuer).toBe('string');
		expect(c.date).toMatch(ISO8601);
		expect(() => new URL(c.url as string)).not.toThrow();
	}
	expect(Array.isArray(doc.awards)).toBe(true);
	for (const a of doc.awards as Record<string, unknown>[]) {
		expect(Object.keys(a).sort()).toEqual(['awarder', 'date', 'summary', 'title']);
		for (const k of ['title', 'awarder', 'summary']) expect(typeof a[k]).toBe('string');
		expect(a.date).toMatch(ISO8601);
	}
	expect(Array.isArray(doc.skills)).toBe(true);
	for (const s of doc.skills as Record<string, unknown>[]) {
		expect(typeof s.name).toBe('string');
		expect(Array.isArray(s.keywords)).toBe(true);
		for (const k of s.keywords as unknown[]) expect(typeof k).toBe('string');
	}
}

describe('the CV as JSON Resume', () => {
	it('has the schema\'s shape: certificates for all, awards for degrees and confirmed badges, skill areas as skills', () => {
		const m = model(6, 'Anna Müller');
		const resume = JSON.parse(JSON.stringify(jsonResume(m, { confirmed: ['cred-2'], timeZone: 'Europe/Berlin' }))) as Record<string, unknown>;
		expectJsonResume(resume);
		expect(resume.basics).toEqual({ name: 'Anna Müller' });
		const certificates = resume.certificates as { name: string; url: string; date: string; issuer: string }[];
		expect(certificates.map((c) => c.url)).toEqual(allEntries(m).map((e) => e.verifyUrl));
		expect(certificates[0]).toEqual({ name: 'Micro-Degree Co-Creation', date: '2026-03-12', issuer: 'Jugend forscht Köln e.V.', url: allEntries(m)[0].verifyUrl });
		expect((resume.awards as { title: string }[]).map((a) => a.title)).toEqual(['Micro-Degree Co-Creation', entry(2).name]);
		expect(resume.skills).toEqual([
			{ name: 'Bereich ideas – Zusammenarbeit', keywords: ['skill-1', 'teamwork', 'skill-2'] },
			{ name: 'Bereich feedback – Zusammenarbeit', keywords: ['skill-2', 'teamwork', 'skill-0'] },
			{ name: 'Bereich hosting – Zusammenarbeit', keywords: ['skill-0', 'teamwork'] },
			{ name: 'Bereich teams – Zusammenarbeit', keywords: ['skill-1', 'teamwork'] }
		]);
	});

	it('names nobody when the learner typed no name', () => {
		for (const holder of [null, '', '   ']) {
			const resume = jsonResume(model(3, holder), { confirmed: [] });
			expectJsonResume(resume as unknown as Record<string, unknown>);
			expect(resume).not.toHaveProperty('basics');
			expect(JSON.stringify(resume)).not.toMatch(/"name":"Anna/);
		}
	});

	it('writes the date of the day in the given time zone', () => {
		const m = model(0);
		m.degrees[0].issuedAt = new Date('2026-03-12T23:30:00Z');
		expect(jsonResume(m, { confirmed: [], timeZone: 'Europe/Berlin' }).certificates[0].date).toBe('2026-03-13');
		expect(jsonResume(m, { confirmed: [] }).certificates[0].date).toBe('2026-03-12');
	});
});
