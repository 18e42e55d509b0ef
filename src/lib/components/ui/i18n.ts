/** Each locale named in its own language, for language choices. */
export const LOCALE_NAMES: Record<string, string> = { en: 'English', de: 'Deutsch', fr: 'Français' };
