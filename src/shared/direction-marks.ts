/**
 * The marks that make a text read otherwise than its letters go (U+061C, U+200E, U+200F, the
 * overrides U+202A–U+202E and the isolates U+2066–U+2069), as a character class body for a
 * RegExp: one list for what people type and what the insurer's records give us.
 */
export const DIRECTION_MARKS = '\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069';
