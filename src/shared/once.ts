/**
 * What `build` makes, made at the first call and shared by every call after it, those at the
 * same moment too. A build that failed fails every later call the same way: what could not be
 * built once (a module that threw while loading, which Node keeps, or a configuration) would
 * fail again.
 */
export function once<T>(build: () => Promise<T>): { get: () => Promise<T>; started: () => boolean } {
  let value: Promise<T> | null = null;
  return { get: () => (value ??= build()), started: () => value !== null };
}
