/**
 * Places inside a write where the crash tests stop the process dead
 * (`FAULT_POINT`, development only), so that "killed during the write" is
 * what happens, not what usually happens.
 */
export const FAULT_POINTS = ['passwordReset:inside', 'passwordReset:committed', 'rebind:inside', 'rebind:committed'] as const;
export type FaultPoint = (typeof FAULT_POINTS)[number];
