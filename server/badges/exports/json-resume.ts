import type { CvEntry, CvModel } from './types';

/**
 * The CV as a JSON Resume (jsonresume.org, schema v1.0.0; docs/ARCHITECTURE.md, "CV exports"), for CV tools that
 * read it: every credential a certificate, micro-degrees and confirmed awards also as awards, the skill areas as
 * skills. The only personal datum is the name the learner typed for this export; no name, no `basics`.
 */

/** The parts of JSON Resume v1.0.0 this export writes. */
export interface JsonResume {
	basics?: { name: string };
	certificates: { name: string; date: string; issuer: string; url: string }[];
	awards: { title: string; date: string; awarder: string; summary: string }[];
	skills: { name: string; keywords: string[] }[];
}

export interface JsonResumeExtras {
	/** The credential ids of awards of a tier a facilitator confirmed (a session host, a jury award): listed as awards too. */
	confirmed: Iterable<string>;
	/** The time zone the dates are written in; UTC when absent or unknown. */
	timeZone?: string;
}

function isoDate(date: Date, timeZone: string | undefined): string {
	try {
		// en-CA writes dates as YYYY-MM-DD, the schema's iso8601.
		return new Intl.DateTimeFormat('en-CA', { timeZone: timeZone ?? 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
	} catch {
		return date.toISOString().slice(0, 10);
	}
}

/** The CV as a JSON Resume object (see the module's comment); skill areas keep the CV's order, keywords their first appearance. */
export function jsonResume(model: CvModel, extras: JsonResumeExtras): JsonResume {
	const confirmed = new Set(extras.confirmed);
	const date = (e: CvEntry) => isoDate(e.issuedAt, extras.timeZone);
	const all = [...model.degrees, ...model.groups.flatMap((g) => g.entries)];
	const holder = model.holderName?.trim();
	return {
		...(holder ? { basics: { name: holder } } : {}),
		certificates: all.map((e) => ({ name: e.name, date: date(e), issuer: e.issuerName, url: e.verifyUrl })),
		awards: all
			.filter((e) => e.kind === 'degree' || confirmed.has(e.credentialId))
			.map((e) => ({ title: e.name, date: date(e), awarder: e.issuerName, summary: e.description || e.criteria })),
		skills: model.groups
			.filter((g) => g.entries.length > 0)
			.map((g) => ({ name: g.label, keywords: [...new Set(g.entries.flatMap((e) => e.skills))] }))
	};
}
