// What an area id is: the short id a coordinator types once for an area's term calendar, networks, cohorts and panel.
/** 2 to 40 lower-case letters, digits or hyphens, starting with a letter or digit, e.g. `telford-wrekin`. */
export const AREA_ID = /^[a-z0-9][a-z0-9-]{1,39}$/;

export function isAreaId(text: string): boolean {
  return AREA_ID.test(text);
}
