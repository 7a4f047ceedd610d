/** Time source. Hosts read it once per request or job run and put the instant into the context. */
export interface Clock {
  now(): Date;
}
