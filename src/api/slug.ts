/** Ids in paths and bodies: lowercase letters, digits and single hyphens, at most 100 characters. */
export const SLUG = /^(?=.{1,100}$)[a-z0-9]+(?:-[a-z0-9]+)*$/;
