/**
 * What `build` makes, made at the first call and shared by every call after it. A build that
 * fails is tried again at the next call rather than remembered: a package that could not load
 * once must not stop its part of the server for good.
 */
export function once<T>(build: () => Promise<T>): { get: () => Promise<T>; started: () => boolean } {
  let value: Promise<T> | null = null;
  return {
    get: () =>
      (value ??= build().catch((error: unknown) => {
        value = null;
        throw error;
      })),
    started: () => value !== null,
  };
}
