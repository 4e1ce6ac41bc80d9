// How campaigns key their translations: a BCP 47 tag ("fr", "pt-BR"). Kept free of zod so the
// console can check a tag as it is typed by the same rule the server applies when saving.
export const LOCALE_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
export const LOCALE_TAG_RULE = 'locale tags look like "fr" or "pt-BR"';
