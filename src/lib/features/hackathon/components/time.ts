const formats = new Map<string, Intl.DateTimeFormat>();

/** A time of day in the device's time zone, in the given language ("17:30", "5:30 PM"); with the weekday when not today. */
export function clockTime(ms: number, locale?: string, now = Date.now()): string {
	const sameDay = new Date(ms).toDateString() === new Date(now).toDateString();
	const key = `${locale ?? ''}|${sameDay}`;
	let f = formats.get(key);
	if (!f) {
		f = new Intl.DateTimeFormat(locale, sameDay ? { hour: 'numeric', minute: '2-digit' } : { weekday: 'short', hour: 'numeric', minute: '2-digit' });
		formats.set(key, f);
	}
	return f.format(new Date(ms));
}
