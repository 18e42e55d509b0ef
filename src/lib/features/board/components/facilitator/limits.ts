/** The shortest password the server accepts (server/services.ts PASSWORD_MIN, repeated here for the browser). */
export const PASSWORD_MIN = 10;
