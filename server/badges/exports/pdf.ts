import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { CvEntry, CvLabels, CvModel } from './types';
import { toWinAnsi } from './win-ansi';

/**
 * The CV as a printable PDF (docs/ARCHITECTURE.md, "CV exports"): A4, one or two pages, micro-degrees first, then the
 * badges by skill area, each with a QR code and a link to its verification page. The layout is measured before
 * anything is drawn: the roomiest style that fits two pages wins; when even the most compact one does not, the
 * last badges are listed by name only, under a line that says so.
 */

const mm = (n: number) => (n * 72) / 25.4;
const PAGE_W = 595.28;
const PAGE_H = 841.89;
const MARGIN_X = mm(15);
const MARGIN_Y = mm(14);
const CONTENT_W = PAGE_W - 2 * MARGIN_X;
const COLUMN_GAP = mm(6);
const MAX_PAGES = 2;

const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';
const ITALIC = 'Helvetica-Oblique';
const INK = '#1a1a1a';
const MUTED = '#555555';
const ACCENT = '#1f4e8c';
const LINK = '#1a56b0';

/** Line height for a font size (Helvetica's ascender to descender, with a little air). */
const lh = (size: number) => size * 1.22;

interface Style {
	columns: 1 | 2;
	/** The QR code's side, quiet zone of one module included; at least 19 mm so a phone reads it off paper. */
	qr: number;
	headSize: number;
	nameSize: number;
	textSize: number;
	nameLines: number;
	descLines: number;
	critLines: number;
	/** Space below each entry. */
	gap: number;
}

const ROOMY: Style = { columns: 1, qr: mm(24), headSize: 12, nameSize: 12, textSize: 9, nameLines: 2, descLines: 3, critLines: 2, gap: 10 };
const COMPACT: Style = { columns: 2, qr: mm(20), headSize: 10, nameSize: 9.5, textSize: 7.5, nameLines: 2, descLines: 2, critLines: 2, gap: 7 };

/** Roomiest first: fewer lines of description, then two columns in smaller type, then fewer lines again. */
const STYLES: Style[] = [
	ROOMY,
	{ ...ROOMY, descLines: 2 },
	{ ...ROOMY, descLines: 1 },
	COMPACT,
	{ ...COMPACT, descLines: 1 },
	{ ...COMPACT, descLines: 0, critLines: 1 },
	{ ...COMPACT, nameLines: 1, descLines: 0, critLines: 1 }
];

type Block =
	| { kind: 'heading'; text: string; height: number }
	| { kind: 'entry'; entry: CvEntry; name: string[]; meta: string[]; desc: string[]; crit: string[]; height: number }
	| { kind: 'names-title'; text: string; height: number }
	| { kind: 'names'; text: string; height: number };

interface Region {
	page: number;
	x: number;
	width: number;
	top: number;
	bottom: number;
}

interface Placed {
	block: Block;
	region: Region;
	y: number;
}

type Doc = PDFKit.PDFDocument;

/** Splits `text` into at most `maxLines` lines of `width` in the current font; a cut text ends with "…". */
function wrap(doc: Doc, text: string, width: number, maxLines: number): string[] {
	const words = text.split(/[ \t\n\r]+/).filter(Boolean);
	const lines: string[] = [];
	let line = '';
	const fits = (s: string) => doc.widthOfString(s) <= width;
	for (let i = 0; i < words.length; i++) {
		let word = words[i];
		const candidate = line ? `${line} ${word}` : word;
		if (fits(candidate)) {
			line = candidate;
			continue;
		}
		if (line) {
			lines.push(line);
			line = '';
		}
		// A word wider than the line (a long address, a compound noun) is cut where it must.
		while (!fits(word)) {
			let n = Math.max(1, word.length - 1);
			while (n > 1 && !fits(word.slice(0, n))) n--;
			lines.push(word.slice(0, n));
			word = word.slice(n);
		}
		line = word;
		if (lines.length >= maxLines) break;
	}
	if (line) lines.push(line);
	if (lines.length <= maxLines) return lines;
	const kept = lines.slice(0, maxLines);
	let last = kept[maxLines - 1];
	while (last.length > 0 && !fits(`${last}…`)) last = last.slice(0, -1).trimEnd();
	kept[maxLines - 1] = `${last}…`;
	return kept;
}

/** The text of one line, cut with "…" to `width` in the current font. */
function oneLine(doc: Doc, text: string, width: number): string {
	return wrap(doc, text, width, 1)[0] ?? '';
}

/**
 * Issuer, date and workshop, then the "check it" link, on one line when they fit; else without the workshop; else
 * the issuer on a line of its own (cut with "…" only if it is longer than the line) and the date with the link below.
 */
function metaLines(doc: Doc, entry: CvEntry, labels: CvLabels, width: number): string[] {
	const issuer = toWinAnsi(labels.issuedBy(entry.issuerName));
	const date = toWinAnsi(labels.date(entry.issuedAt));
	const check = toWinAnsi(labels.checkIt);
	const fits = (parts: string[]) => doc.widthOfString(parts.join(' · ')) <= width;
	const workshop = entry.workshopTitle ? [toWinAnsi(entry.workshopTitle)] : [];
	if (fits([issuer, date, ...workshop, check])) return [[issuer, date, ...workshop].join(' · ')];
	if (fits([issuer, date, check])) return [[issuer, date].join(' · ')];
	return [oneLine(doc, issuer, width), oneLine(doc, date, width - doc.widthOfString(` · ${check}`))];
}

function textX(style: Style) {
	return style.qr + mm(3);
}

function entryBlock(doc: Doc, entry: CvEntry, labels: CvLabels, style: Style, width: number): Block {
	const tw = width - textX(style);
	doc.font(BOLD).fontSize(style.nameSize);
	const name = wrap(doc, toWinAnsi(entry.name), tw, style.nameLines);
	doc.font(FONT).fontSize(style.textSize);
	const meta = metaLines(doc, entry, labels, tw);
	const desc = style.descLines > 0 && entry.description.trim() ? wrap(doc, toWinAnsi(entry.description), tw, style.descLines) : [];
	doc.font(ITALIC).fontSize(style.textSize);
	const crit = entry.criteria.trim() ? wrap(doc, toWinAnsi(labels.criteria(entry.criteria)), tw, style.critLines) : [];
	const text = name.length * lh(style.nameSize) + 2 + lh(style.textSize) * (meta.length + desc.length + crit.length) + (desc.length ? 2 : 0) + (crit.length ? 2 : 0);
	return { kind: 'entry', entry, name, meta, desc, crit, height: Math.max(style.qr, text) + style.gap };
}

function headingBlock(text: string, style: Style): Block {
	return { kind: 'heading', text: toWinAnsi(text), height: lh(style.headSize) + 8 };
}

/** Headings and entries in reading order: micro-degrees, then each skill area; `keep` entries get a QR code. */
function blocksFor(doc: Doc, model: CvModel, labels: CvLabels, style: Style, width: number, keep: number): { blocks: Block[]; rest: CvEntry[] } {
	const sections = [{ label: labels.degrees, entries: model.degrees }, ...model.groups];
	const blocks: Block[] = [];
	const rest: CvEntry[] = [];
	let n = 0;
	for (const section of sections) {
		const shown = section.entries.filter(() => n++ < keep);
		rest.push(...section.entries.slice(shown.length));
		if (shown.length === 0) continue;
		blocks.push(headingBlock(section.label, style));
		for (const entry of shown) blocks.push(entryBlock(doc, entry, labels, style, width));
	}
	if (rest.length > 0) {
		doc.font(BOLD).fontSize(style.textSize);
		for (const line of wrap(doc, toWinAnsi(labels.moreByName(rest.length)), width, Infinity))
			blocks.push({ kind: 'names-title', text: line, height: lh(style.textSize) });
		doc.font(FONT).fontSize(style.textSize);
		const names = rest.map((e) => toWinAnsi(e.name).replace(/\s+/g, '\u00a0')).join(' · ');
		for (const line of wrap(doc, names, width, Infinity)) blocks.push({ kind: 'names', text: line.replace(/\u00a0/g, ' '), height: lh(style.textSize) });
	}
	return { blocks, rest };
}

function regionsFor(style: Style, headerBottom: number): Region[] {
	const width = style.columns === 1 ? CONTENT_W : (CONTENT_W - COLUMN_GAP) / 2;
	const regions: Region[] = [];
	for (let page = 0; page < MAX_PAGES; page++)
		for (let c = 0; c < style.columns; c++)
			regions.push({ page, x: MARGIN_X + c * (width + COLUMN_GAP), width, top: page === 0 ? headerBottom : MARGIN_Y, bottom: PAGE_H - MARGIN_Y });
	return regions;
}

/** Places the blocks in the regions in order, a heading kept with what follows it; stops at the first that does not fit. */
function place(blocks: Block[], regions: Region[]): { placed: Placed[]; complete: boolean } {
	const placed: Placed[] = [];
	let r = 0;
	let y = regions[0].top;
	for (let i = 0; i < blocks.length; i++) {
		const block = blocks[i];
		const keepWithNext = block.kind === 'heading' || block.kind === 'names-title';
		const need = block.height + (keepWithNext ? (blocks[i + 1]?.height ?? 0) : 0);
		while (y + need > regions[r].bottom) {
			r++;
			if (r >= regions.length) return { placed, complete: false };
			y = regions[r].top;
		}
		placed.push({ block, region: regions[r], y });
		y += block.height;
	}
	return { placed, complete: true };
}

interface Header {
	lines: { text: string; font: string; size: number; color: string }[];
	bottom: number;
}

function headerFor(model: CvModel, labels: CvLabels): Header {
	const lines: Header['lines'] = [];
	const holder = model.holderName?.trim();
	if (holder) lines.push({ text: toWinAnsi(holder), font: BOLD, size: 20, color: INK }, { text: toWinAnsi(labels.title), font: FONT, size: 12, color: MUTED });
	else lines.push({ text: toWinAnsi(labels.title), font: BOLD, size: 20, color: INK });
	lines.push({ text: toWinAnsi(labels.qrHint), font: FONT, size: 8.5, color: MUTED });
	const height = lines.reduce((h, l) => h + lh(l.size) + 2, 0);
	return { lines, bottom: MARGIN_Y + height + mm(5) };
}

/** The roomiest layout that fits two pages; failing that, as many entries with QR codes as fit, the rest by name. */
function layout(doc: Doc, model: CvModel, labels: CvLabels, header: Header): { placed: Placed[]; style: Style } {
	const total = model.degrees.length + model.groups.reduce((n, g) => n + g.entries.length, 0);
	for (const style of STYLES) {
		const regions = regionsFor(style, header.bottom);
		const { placed, complete } = place(blocksFor(doc, model, labels, style, regions[0].width, total).blocks, regions);
		if (complete) return { placed, style };
	}
	const style = STYLES[STYLES.length - 1];
	const regions = regionsFor(style, header.bottom);
	const width = regions[0].width;
	const fitting = place(blocksFor(doc, model, labels, style, width, total).blocks, regions).placed.filter((p) => p.block.kind === 'entry').length;
	for (let keep = fitting; keep > 0; keep--) {
		const { placed, complete } = place(blocksFor(doc, model, labels, style, width, keep).blocks, regions);
		if (complete) return { placed, style };
	}
	// Not even the names fit on two pages (hundreds of badges): as many names as fit, the last line cut with "…".
	const { placed } = place(blocksFor(doc, model, labels, style, width, 0).blocks, regions);
	const last = placed[placed.length - 1];
	if (last?.block.kind === 'names') last.block = { ...last.block, text: `${last.block.text} …` };
	return { placed, style };
}

async function qrPng(url: string): Promise<Buffer> {
	// Grey levels without alpha: a smaller image, and no soft mask for a viewer to combine.
	const options = { type: 'png', errorCorrectionLevel: 'M', margin: 1, scale: 6, rendererOpts: { colorType: 0 } } as const;
	return QRCode.toBuffer(url, options as QRCode.QRCodeToBufferOptions);
}

function drawEntry(doc: Doc, block: Extract<Block, { kind: 'entry' }>, x: number, y: number, style: Style, labels: CvLabels, qr: Buffer) {
	const url = block.entry.verifyUrl;
	doc.image(qr, x, y, { width: style.qr, height: style.qr });
	doc.link(x, y, style.qr, style.qr, url);
	const tx = x + textX(style);
	let ty = y;
	doc.font(BOLD).fontSize(style.nameSize).fillColor(INK);
	for (const line of block.name) {
		doc.text(line, tx, ty, { lineBreak: false });
		ty += lh(style.nameSize);
	}
	ty += 2;
	doc.font(FONT).fontSize(style.textSize).fillColor(MUTED);
	block.meta.forEach((line, i) => {
		const last = i === block.meta.length - 1;
		doc.fillColor(MUTED).text(last ? `${line} · ` : line, tx, ty, { lineBreak: false });
		if (last) doc.fillColor(LINK).text(toWinAnsi(labels.checkIt), tx + doc.widthOfString(`${line} · `), ty, { lineBreak: false, link: url, underline: true });
		ty += lh(style.textSize);
	});
	if (block.desc.length > 0) {
		ty += 2;
		doc.fillColor(INK);
		for (const line of block.desc) {
			doc.text(line, tx, ty, { lineBreak: false });
			ty += lh(style.textSize);
		}
	}
	if (block.crit.length > 0) {
		ty += 2;
		doc.font(ITALIC).fillColor(MUTED);
		for (const line of block.crit) {
			doc.text(line, tx, ty, { lineBreak: false });
			ty += lh(style.textSize);
		}
	}
}

/** Renders the CV as an A4 PDF of one or two pages (see the module's comment); metadata names only the holder, if given. */
export async function renderCvPdf(model: CvModel, labels: CvLabels): Promise<Buffer> {
	const holder = model.holderName?.trim() || null;
	const title = toWinAnsi(holder ? `${labels.title} – ${holder}` : labels.title);
	const doc = new PDFDocument({
		size: 'A4',
		margin: 0,
		autoFirstPage: false,
		lang: model.locale,
		displayTitle: true,
		info: { Title: title, ...(holder ? { Author: toWinAnsi(holder) } : {}), Creator: 'Plenum', Producer: 'Plenum' }
	});
	const chunks: Buffer[] = [];
	const done = new Promise<Buffer>((resolve, reject) => {
		doc.on('data', (c: Buffer) => chunks.push(c));
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
	});

	doc.addPage({ size: 'A4', margin: 0 });
	const header = headerFor(model, labels);
	const { placed, style } = layout(doc, model, labels, header);
	const entries = placed.flatMap((p) => (p.block.kind === 'entry' ? [p.block.entry.verifyUrl] : []));
	const qrs = new Map(await Promise.all([...new Set(entries)].map(async (url) => [url, await qrPng(url)] as const)));

	let y = MARGIN_Y;
	for (const line of header.lines) {
		doc.font(line.font).fontSize(line.size).fillColor(line.color).text(oneLine(doc, line.text, CONTENT_W), MARGIN_X, y, { lineBreak: false });
		y += lh(line.size) + 2;
	}
	doc.moveTo(MARGIN_X, header.bottom - mm(3)).lineTo(PAGE_W - MARGIN_X, header.bottom - mm(3)).lineWidth(0.5).strokeColor('#999999').stroke();

	let page = 0;
	for (const { block, region, y: by } of placed) {
		if (region.page > page) {
			doc.addPage({ size: 'A4', margin: 0 });
			page = region.page;
		}
		if (block.kind === 'heading') {
			doc.font(BOLD).fontSize(style.headSize).fillColor(ACCENT).text(oneLine(doc, block.text, region.width), region.x, by + 2, { lineBreak: false });
			const ruleY = by + 2 + lh(style.headSize) + 1;
			doc.moveTo(region.x, ruleY).lineTo(region.x + region.width, ruleY).lineWidth(0.5).strokeColor(ACCENT).stroke();
		} else if (block.kind === 'entry') {
			drawEntry(doc, block, region.x, by, style, labels, qrs.get(block.entry.verifyUrl)!);
		} else {
			doc.font(block.kind === 'names-title' ? BOLD : FONT).fontSize(style.textSize).fillColor(INK).text(block.text, region.x, by, { lineBreak: false });
		}
	}
	doc.end();
	return done;
}
