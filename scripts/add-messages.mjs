#!/usr/bin/env node
// Merges messages into messages/{en,de,fr}.json in one read-modify-write, keys sorted.
// Usage: node scripts/add-messages.mjs file.json   where file.json is { "key": { "en": "...", "de": "...", "fr": "..." } }
import fs from 'node:fs';
const add = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
for (const locale of ['en', 'de', 'fr']) {
	const file = `messages/${locale}.json`;
	const cur = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
	for (const [k, v] of Object.entries(add)) {
		if (!v[locale]) throw new Error(`message ${k} lacks ${locale}`);
		cur[k] = v[locale];
	}
	const sorted = Object.fromEntries(Object.entries(cur).sort(([a], [b]) => (a === '$schema' ? -1 : b === '$schema' ? 1 : a.localeCompare(b))));
	sorted.$schema ??= 'https://inlang.com/schema/inlang-message-format';
	fs.writeFileSync(file, JSON.stringify(sorted, null, '\t') + '\n');
}
