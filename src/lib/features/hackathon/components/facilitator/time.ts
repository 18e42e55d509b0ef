const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as a `datetime-local` input's value ("2026-05-09T14:30") in this device's time zone. */
export function toLocalInput(ms: number): string {
	const d = new Date(ms);
	return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A `datetime-local` input's value read in this device's time zone, as epoch ms; null when it is empty or not a date. */
export function fromLocalInput(value: string): number | null {
	const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value);
	if (!m) return null;
	const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0));
	const t = new Date(y, mo - 1, d, h, mi, s).getTime();
	return Number.isFinite(t) ? t : null;
}

/**
 * What is left until a deadline, for the control room: "2 h 05 min" above an hour, "14 min" above ten minutes, then
 * "9:41" (minutes and seconds), and null once it has passed.
 */
export function timeLeft(ms: number): string | null {
	if (ms <= 0) return null;
	const s = Math.ceil(ms / 1000);
	if (s < 600) return `${Math.floor(s / 60)}:${pad(s % 60)}`;
	const min = Math.ceil(s / 60);
	if (min < 60) return `${min} min`;
	return `${Math.floor(min / 60)} h ${pad(min % 60)} min`;
}

/** A date and time in the page's language and this device's time zone ("Sat 9 May, 14:30"). */
export function dateTime(ms: number, locale?: string): string {
	return new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' }).format(new Date(ms));
}

/** A time of day in the page's language and this device's time zone ("14:30", "2:30 PM"). */
export function clockTime(ms: number, locale?: string): string {
	return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }).format(new Date(ms));
}
