import pino, { type Logger } from 'pino';

/** JSON lines on stdout; whatever could be a secret is removed before it is written. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'helpcenter' },
    redact: { paths: ['password', 'code', 'token', '*.password', '*.code', '*.token', 'req.headers.cookie'], remove: true },
  });
}
