/** The shortest and the longest password the server accepts (sign-up and password change; the forms say so too). */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;
