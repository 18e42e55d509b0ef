import { m } from '$lib/paraglide/messages.js';
import { whyMessageKey } from './rules';

type Msg = (inputs: { count: string }) => string;

/** The pending list's one line of why: the rule's own message (`badge_why_<rule>`, each module adds its own) with the count. */
export function whyText(why: { rule: string; count: number }): string {
	const key = why.rule === 'degree' ? whyMessageKey(null) : whyMessageKey(why.rule);
	const fn = (m as unknown as Record<string, Msg | undefined>)[key];
	return fn ? fn({ count: String(why.count) }) : m.badge_why_manual({ count: String(why.count) });
}

/** A skill area's name (`skill_<area>`), or the word itself. */
export function skillLabel(area: string): string {
	const fn = (m as unknown as Record<string, (() => string) | undefined>)[`skill_${area.replace(/[^a-z_]/g, '_')}`];
	return fn ? fn() : area.charAt(0).toUpperCase() + area.slice(1);
}
