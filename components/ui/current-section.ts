/** An entry of a navigation: its page, and the paths whose pages belong to it. */
export type NavSection = {
  href: string;
  label: string;
  /** Paths whose pages, and every page below them, are the section's: [href] unless given (a nav's home owns none, as every page lies below it). */
  owns?: readonly string[];
};

const isWithin = (pathname: string, path: string) => pathname === path || pathname.startsWith(`${path}/`);

/** How closely a section claims the page: the length of the longest of its paths the page is or lies below; -1: not its page. */
function claimOf(section: NavSection, pathname: string): number {
  const paths = [...(section.owns ?? [section.href]), ...(pathname === section.href ? [section.href] : [])];
  return Math.max(-1, ...paths.filter((path) => isWithin(pathname, path)).map((path) => path.length));
}

/**
 * The section both navigations mark current (aria-current="page"): the one claiming the page most
 * closely. So /links/new is "Register a link" although the Links section owns /links; a page no
 * section claims marks none.
 */
export function currentSection<S extends NavSection>(sections: readonly S[], pathname: string): S | undefined {
  let current: S | undefined;
  let closest = -1;
  for (const section of sections) {
    const claim = claimOf(section, pathname);
    if (claim > closest) [current, closest] = [section, claim];
  }
  return current;
}
