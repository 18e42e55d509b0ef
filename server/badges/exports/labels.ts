import { m } from '../../../src/lib/paraglide/messages.js';
import { isTimeZone } from '../../../src/lib/domain/export-text';
import type { CvLabels } from './types';

/** The PDF's words in one of the CV's languages, from the messages; dates in the given time zone, else the server's. */
export function cvLabels(locale: 'de' | 'en' | 'fr', timeZone?: string): CvLabels {
	const o = { locale };
	const plural = new Intl.PluralRules(locale);
	const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: timeZone && isTimeZone(timeZone) ? timeZone : undefined });
	return {
		title: m.cv_pdf_title({}, o),
		degrees: m.cv_pdf_degrees({}, o),
		issuedBy: (issuer) => m.cv_pdf_issued_by({ issuer }, o),
		criteria: (criteria) => m.cv_pdf_criteria({ criteria }, o),
		checkIt: m.cv_pdf_check_it({}, o),
		qrHint: m.cv_pdf_qr_hint({}, o),
		moreByName: (n) => (plural.select(n) === 'one' ? m.cv_pdf_more_one({ count: String(n) }, o) : m.cv_pdf_more_other({ count: String(n) }, o)),
		date: (d) => dates.format(d)
	};
}
