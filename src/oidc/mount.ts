/** Where the OpenID Provider answers; a module of its own, so that naming it loads no provider. */
export const OIDC_MOUNT = '/oidc';
