const formats = new Map<string, Intl.DateTimeFormat>();

function format(locale: string | undefined): Intl.DateTimeFormat {
	const key = locale ?? '';
	let f = formats.get(key);
	if (!f) {
		f = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' });
		formats.set(key, f);
	}
	return f;
}

/** A time of day in the device's time zone, in the page's language ("11:00", "9:30 AM"). */
export function clockTime(ms: number, locale?: string): string {
	return format(locale).format(new Date(ms));
}

/** A slot's start and end ("10:00 – 10:45"). */
export function slotTime(slot: { start: number; end: number }, locale?: string): string {
	return format(locale).formatRange(new Date(slot.start), new Date(slot.end));
}
