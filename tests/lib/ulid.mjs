// ULIDs as the field app makes them: 48-bit milliseconds then 80 random bits, Crockford base 32.
import { randomBytes } from 'node:crypto';

const A = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function ulid(ms = Date.now()) {
  let t = '';
  for (let i = 0; i < 10; i++) { t = A[ms % 32] + t; ms = Math.floor(ms / 32); }
  let r = '';
  for (const b of randomBytes(16)) r += A[b % 32];
  return t + r;
}
