import { errorResponse } from '../../../shared/api/schemas.ts';

/** The answers of every console endpoint to someone who may not be there. */
export const denied = {
  401: errorResponse('Not logged in as staff'),
  403: errorResponse('Logged in, but not staff (or not a supervisor)'),
};

/** The answers of an action that gives or takes away access, beside those: the app's code asked for again, or not right. */
export const proofDenied = {
  401: errorResponse('Not logged in as staff; or the code from the app sent with the action is not right'),
  403: errorResponse(
    'Logged in, but not staff (or not a supervisor); or a code from the app is needed again (`confirmWithCode`): send it as `code`',
  ),
  422: errorResponse('Invalid input: the reason, or a code that is not six digits'),
  429: errorResponse('Locked after too many wrong codes'),
};
