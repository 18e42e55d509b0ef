import { defineConfig } from 'drizzle-kit';

export default defineConfig({
	dialect: 'sqlite',
	schema: ['./drizzle/schema.ts', './server/badges/schema.ts', './server/features/*/schema.ts'],
	out: './drizzle/migrations'
});
