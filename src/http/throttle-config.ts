/** The throttle's settings (read from the environment by src/config.ts; used by src/http/throttle.ts). */
export interface ThrottleConfig {
  enabled: boolean;
  /** The window every limit counts in, in seconds. */
  windowSeconds: number;
  /** Sign-in attempts (the button, the connection link, Xero's callback) per IP address per window. */
  signInPerIp: number;
  /** POSTs per IP address per window (an office behind one address shares it). */
  postsPerIp: number;
  /** POSTs per signed-in user per window. */
  postsPerUser: number;
}
