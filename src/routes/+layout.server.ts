import { BACKPACK_COOKIE } from '$lib/server/badges';
import type { LayoutServerLoad } from './$types';

// The backpack link shows on a device that holds one (the cookie's presence; the page checks it).
export const load: LayoutServerLoad = ({ locals, cookies }) => ({ user: locals.user, backpack: !!cookies.get(BACKPACK_COOKIE) });
