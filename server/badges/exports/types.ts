/**
 * The CV as the exports see it (docs/ARCHITECTURE.md, "CV exports"): what the learner chose to show, already in
 * order, with absolute verification addresses. Built by the backpack's routes; the exports only format it.
 */

/** One credential on the CV: a badge or a micro-degree. */
export interface CvEntry {
	credentialId: string;
	/** The achievement's name, description and criteria in the CV's language. */
	name: string;
	description: string;
	criteria: string;
	issuerName: string;
	issuerUrl: string | null;
	issuedAt: Date;
	/** Absolute address of the credential's verification page (`<ORIGIN>/credentials/<id>`): the QR codes and links point here. */
	verifyUrl: string;
	/** The achievement's tag words. */
	skills: string[];
	workshopTitle: string | null;
	kind: 'badge' | 'degree';
}

/** A CV: micro-degrees first, then badges grouped by skill area, each group with its label in the CV's language. */
export interface CvModel {
	/** The name the learner typed for this export only; never stored. Null: the CV names nobody. */
	holderName: string | null;
	locale: 'de' | 'en' | 'fr';
	degrees: CvEntry[];
	groups: { skillArea: string; label: string; entries: CvEntry[] }[];
}

/** The words of the PDF in the CV's language (`cvLabels` in labels.ts makes them from the messages). */
export interface CvLabels {
	/** The document's heading (after the holder's name, when there is one) and its metadata title. */
	title: string;
	/** Heading of the micro-degrees. */
	degrees: string;
	/** "Issued by {issuer}". */
	issuedBy: (issuer: string) => string;
	/** The criteria line, e.g. "Criteria: {criteria}". */
	criteria: (criteria: string) => string;
	/** The text of each entry's link to its verification page, e.g. "Check it". */
	checkIt: string;
	/** One line under the heading: what the QR codes open. */
	qrHint: string;
	/** The line above the badges that did not fit on two pages and are listed by name only. */
	moreByName: (count: number) => string;
	/** A date as the CV's language writes it. */
	date: (date: Date) => string;
}
