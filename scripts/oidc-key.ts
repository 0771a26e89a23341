// npm run keys:oidc
// Prints a new ES256 signing key (a private JWK) for OIDC_SIGNING_KEYS. Rotation:
// add it second ("next": published, not yet signing), deploy; a day later move
// it first (it signs now; the old one stays second, still published, so tokens
// it signed keep verifying); remove the old one once its tokens have expired.
import { newSigningKey } from '../src/oidc/config.ts';

console.log(JSON.stringify(newSigningKey()));
