import { errorResponse } from '../../../shared/api/schemas.ts';

/** The answers of every console endpoint to someone who may not be there. */
export const denied = {
  401: errorResponse('Not logged in as staff'),
  403: errorResponse('Logged in, but not staff (or not a supervisor)'),
};
