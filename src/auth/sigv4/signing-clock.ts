/**
 * The time SigV4 signs with: the machine's clock plus the offset a server's answer taught, as the AWS SDKs keep a
 * `systemClockOffset`. AWS refuses a signature more than five minutes from its own clock ("Signature expired",
 * "Signature not yet current"); its answer carries its time in the `Date` header, and the request signed again by
 * the corrected clock goes through (a machine with a drifting clock, a laptop after sleep, a container on a host
 * without NTP). One clock per client: another client's server, or a hostile one, never moves it.
 */

/** How far the server's clock must be from ours (with the offset already applied) before the offset changes. */
export const CLOCK_CORRECTION_THRESHOLD_MS = 60_000;

/** The signing clock of one SigV4 strategy. */
export class SigningClock {
  #offsetMs = 0;
  #version = 0;

  /** Counts the corrections: an attempt that read it before being signed can tell whether it was signed by an older clock. */
  get version(): number {
    return this.#version;
  }

  /** How far (ms) the signing clock is from the machine's: what the corrections taught (0 until one happened). */
  get offsetMs(): number {
    return this.#offsetMs;
  }

  /** The time to sign with, or undefined while the machine's clock is used as it is (no Date per request then). */
  signingDate(): Date | undefined {
    return this.#offsetMs === 0 ? undefined : new Date(Date.now() + this.#offsetMs);
  }

  /**
   * Adopts the server's time (`serverMs`, ms since the epoch, read from its answer) when it is more than
   * CLOCK_CORRECTION_THRESHOLD_MS from the signing clock. True when the refused attempt, signed at clock version
   * `signedVersion`, would now be signed by another clock: this answer corrected it, or an earlier one did since
   * (concurrent requests refused together are each sent again).
   */
  correct(serverMs: number | undefined, signedVersion?: number): boolean {
    const changedSince = signedVersion !== undefined && signedVersion !== this.#version;
    if (serverMs === undefined || !Number.isFinite(serverMs)) return changedSince;
    const now = Date.now();
    if (Math.abs(serverMs - (now + this.#offsetMs)) <= CLOCK_CORRECTION_THRESHOLD_MS) return changedSince;
    // a server within the threshold of the machine's own clock (NTP fixed the machine since): sign by the machine's clock again
    const offset = serverMs - now;
    this.#offsetMs = Math.abs(offset) <= CLOCK_CORRECTION_THRESHOLD_MS ? 0 : offset;
    this.#version++;
    return true;
  }
}
