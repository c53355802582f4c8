/**
 * Random passwords for users the tests create. The security plugin refuses a password in which zxcvbn finds the user
 * name ("Password is similar to user name"), so a password built as `Cpr-${random}` fails whenever the random part
 * happens to start with the rest of a name like `cpr-u`. These passwords hold no `-` (and no l33t stand-in for one),
 * so no test user name, all of which contain `-`, can ever be found in them.
 */
import { randomBytes } from 'node:crypto';

/** A strong password without `-`: `label` (letters only), then 18 random hex digits and fixed classes. */
export function testPassword(label: string): string {
  if (!/^[A-Za-z]+$/.test(label)) throw new Error(`testPassword label must be letters only, got ${JSON.stringify(label)}`);
  return `${label}9!${randomBytes(9).toString('hex')}Qz`;
}
