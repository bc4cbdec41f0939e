// Only a path on this origin. Browsers read `\` as `/` and drop tabs and newlines from URLs, so `/\evil.example` and
// `/<tab>/evil.example` leave the site like `//evil.example` does; encoded forms (`/%5Cevil.example`) are judged decoded too.
const PLACEHOLDER_ORIGIN = "http://portal.invalid";
const UNSAFE_CHARACTERS = /[\\\u0000-\u001f\u007f]/;

export function safeCallbackUrl(value: unknown): string {
  const url = Array.isArray(value) ? value[0] : value;
  if (typeof url !== "string" || !url.startsWith("/") || url.length > 2048) return "/";
  let decoded: string;
  try {
    decoded = decodeURIComponent(url);
  } catch {
    return "/";
  }
  if ([url, decoded].some((text) => text.startsWith("//") || UNSAFE_CHARACTERS.test(text))) return "/";
  return new URL(url, PLACEHOLDER_ORIGIN).origin === PLACEHOLDER_ORIGIN ? url : "/";
}

export function redirectTo({ url, baseUrl }: { url: string; baseUrl: string }): string {
  if (url.startsWith("/")) return `${baseUrl}${safeCallbackUrl(url)}`;
  try {
    const target = new URL(url);
    if (target.origin === new URL(baseUrl).origin) return `${baseUrl}${safeCallbackUrl(`${target.pathname}${target.search}${target.hash}`)}`;
  } catch {
    // not a URL: home
  }
  return baseUrl;
}
