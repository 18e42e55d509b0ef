import { getLocale } from '$lib/paraglide/runtime.js';
import type { RoomView, SlotView } from '../../views';

/**
 * How the control room writes the BarCamp's times: in the page's language and this device's time zone, on a 24-hour
 * clock (a grid reads better without "AM"), with the day named when the slots span more than one.
 */
const timeFormat = () => new Intl.DateTimeFormat(getLocale(), { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const dayFormat = () => new Intl.DateTimeFormat(getLocale(), { weekday: 'short', day: 'numeric', month: 'short' });
const longDayFormat = () => new Intl.DateTimeFormat(getLocale(), { weekday: 'long', day: 'numeric', month: 'long' });

/** "10:00", or "Sat 10 May, 10:00" when the day matters. */
export function clock(ms: number, withDay = false): string {
	return withDay ? `${dayFormat().format(ms)}, ${timeFormat().format(ms)}` : timeFormat().format(ms);
}

/** "10:00–10:45". */
export function timeRange(slot: Pick<SlotView, 'start' | 'end'>): string {
	return `${timeFormat().format(slot.start)}–${timeFormat().format(slot.end)}`;
}

/** "Saturday, 10 May": the heading of a day in the grid. */
export function dayName(ms: number): string {
	return longDayFormat().format(ms);
}

/** A grid cell's name: "Room A, 10:00" (the day added when the slots span several). */
export function cellName(room: Pick<RoomView, 'name'>, slot: Pick<SlotView, 'start'>, withDay: boolean): string {
	return `${room.name}, ${clock(slot.start, withDay)}`;
}

/** This device's time zone, as the slot editor states it. */
export function timeZone(): string {
	return Intl.DateTimeFormat().resolvedOptions().timeZone ?? '';
}
