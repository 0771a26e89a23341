import type { Migration, MigrationProvider } from 'kysely/migration';
import { accounts } from './0001-accounts.ts';
import { agents } from './0002-agents.ts';
import { recovery } from './0003-recovery.ts';
import { audit } from './0004-audit.ts';
import { oidc } from './0005-oidc.ts';
import { enrolmentSession } from './0006-enrolment-session.ts';
import { takeoverIndex } from './0007-takeover-index.ts';
import { accountLookups } from './0008-account-lookups.ts';
import { pruneIndexes } from './0009-prune-indexes.ts';
import { forgetSearchWords } from './0010-forget-search-words.ts';
import { approverIndexes } from './0011-approver-indexes.ts';
import { sessionBrowser } from './0012-session-browser.ts';
import { sessionBrowserIndex } from './0013-session-browser-index.ts';
import { oidcLoginSids } from './0014-oidc-login-sids.ts';
import { firstApp } from './0015-first-app.ts';
import { carriedFailures } from './0016-carried-failures.ts';
import { throttleKeyOrder } from './0017-throttle-key-order.ts';
import { provenBy } from './0018-proven-by.ts';
import { unfinishedAccounts } from './0019-unfinished-accounts.ts';
import { keyRotations } from './0020-key-rotations.ts';

/** Every migration in order; the name is what the database remembers. */
const migrations: Record<string, Migration> = {
  '0001-accounts': accounts,
  '0002-agents': agents,
  '0003-recovery': recovery,
  '0004-audit': audit,
  '0005-oidc': oidc,
  '0006-enrolment-session': enrolmentSession,
  '0007-takeover-index': takeoverIndex,
  '0008-account-lookups': accountLookups,
  '0009-prune-indexes': pruneIndexes,
  '0010-forget-search-words': forgetSearchWords,
  '0011-approver-indexes': approverIndexes,
  '0012-session-browser': sessionBrowser,
  '0013-session-browser-index': sessionBrowserIndex,
  '0014-oidc-login-sids': oidcLoginSids,
  '0015-first-app': firstApp,
  '0016-carried-failures': carriedFailures,
  '0017-throttle-key-order': throttleKeyOrder,
  '0018-proven-by': provenBy,
  '0019-unfinished-accounts': unfinishedAccounts,
  '0020-key-rotations': keyRotations,
};

export const migrationProvider: MigrationProvider = { getMigrations: async () => migrations };
