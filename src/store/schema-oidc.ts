import type { Selectable } from 'kysely';

// The OpenID Provider's tables (see schema.ts).

/** One object of the OpenID Provider (`model`: Grant, AuthorizationCode, AccessToken, Session, Interaction, …), as JSON. */
export interface OidcModelsTable {
  model: string;
  id: string;
  payload: string;
  grant_id: string | null;
  uid: string | null;
  expires_at: number | null;
  consumed_at: number | null;
}

/** A grant given to a client, and the session of ours it was given from. */
export interface OidcLoginsTable {
  grant_id: string;
  session_hash: string;
  account_id: string;
  client_id: string;
  created_at: number;
}

/** A provider session id (`sid`) that a code of this grant carried to its client. */
export interface OidcLoginSidsTable {
  grant_id: string;
  sid: string;
  created_at: number;
}

/** A back-channel logout to send to a client: its grant's session of ours ended. */
export interface OidcLogoutsTable {
  grant_id: string;
  client_id: string;
  account_id: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  created_at: number;
  next_at: number;
}

export type OidcModel = Selectable<OidcModelsTable>;
export type OidcLogin = Selectable<OidcLoginsTable>;
export type OidcLogout = Selectable<OidcLogoutsTable>;
