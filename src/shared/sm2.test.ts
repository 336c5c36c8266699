import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { sm2 } from 'sm-crypto-v2';
import { describe, expect, it } from 'vitest';
import { generateSm2KeyPair, sm2PublicKeyFromPrivate, sm2Sign, sm2Verify } from './sm2.ts';

// GM/T 0003.5-2012 Annex A (= GB/T 32918.5-2017 Annex A): digital signature example on the
// recommended curve, message "message digest", user ID "1234567812345678". The same values are
// the known-answer test of OpenSSL (test/sm2_internal_test.c, sm2_sig_test, with
// SM2_DEFAULT_USERID) and of emmansun/gmsm.
const ANNEX = {
  privateKey: '3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8',
  publicKey:
    '04' + '09f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020' + 'ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13',
  message: 'message digest',
  /** e = SM3(Z_A ‖ M). */
  digest: 'f0b43e94ba45accaace692ed534382eb17e6ab5a19ce7b31f4486fdfc0d28640',
  k: '59276e27d506861a16680f3ad9c02dccef3cc1fa3cdbe4ce6d54b80deac1bc21',
  /** x coordinate of kG. */
  x1: '04ebfc718e8d1798620432268e77feb6415e2ede0e073c0f4f640ecd2e149a73',
  r: 'f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3',
  s: 'b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa',
};
const ANNEX_DER = `3046022100${ANNEX.r}022100${ANNEX.s}`;
const N = BigInt('0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123');

/** DER SEQUENCE of two INTEGERs given as raw hex contents (no normalisation, to build malformed ones). */
function der(rHex: string, sHex: string): string {
  const int = (v: string) => `02${(v.length / 2).toString(16).padStart(2, '0')}${v}`;
  const body = int(rHex) + int(sHex);
  return `30${(body.length / 2).toString(16).padStart(2, '0')}${body}`;
}
/** Minimal DER contents of a positive integer. */
function intHex(v: bigint): string {
  let h = v.toString(16);
  if (h.length % 2) h = `0${h}`;
  return parseInt(h[0]!, 16) >= 8 ? `00${h}` : h;
}

describe('SM2 known answers (GM/T 0003.5-2012 Annex A)', () => {
  it('derives the published public key from the published private key', () => {
    expect(sm2PublicKeyFromPrivate(ANNEX.privateKey)).toBe(ANNEX.publicKey);
    expect(sm2PublicKeyFromPrivate(ANNEX.privateKey.toUpperCase())).toBe(ANNEX.publicKey);
  });

  it('hashes with Z over the default ID 1234567812345678: computed here with Node SM3, it matches the published e', () => {
    // Z_A = SM3(ENTL_A ‖ ID_A ‖ a ‖ b ‖ x_G ‖ y_G ‖ x_A ‖ y_A), GB/T 32918.2 §5.5.
    const id = Buffer.from('1234567812345678');
    const curve = [
      'fffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffc',
      '28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93',
      '32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7',
      'bc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0',
    ];
    const entl = Buffer.alloc(2);
    entl.writeUInt16BE(id.length * 8);
    const z = createHash('sm3')
      .update(Buffer.concat([entl, id, ...curve.map((c) => Buffer.from(c, 'hex')), Buffer.from(ANNEX.publicKey.slice(2), 'hex')]))
      .digest();
    const e = createHash('sm3').update(Buffer.concat([z, Buffer.from(ANNEX.message)])).digest('hex');
    expect(e).toBe(ANNEX.digest);
    // And the library's pre-hash, which sm2Sign and sm2Verify use, agrees.
    expect(sm2.getHash(Buffer.from(ANNEX.message).toString('hex'), ANNEX.publicKey)).toBe(ANNEX.digest);
  });

  it('verifies the published signature', () => {
    expect(sm2Verify(ANNEX.message, ANNEX_DER, ANNEX.publicKey)).toBe(true);
    expect(sm2Verify(Buffer.from(ANNEX.message), ANNEX_DER, ANNEX.publicKey)).toBe(true);
    expect(sm2Verify(ANNEX.message, ANNEX_DER.toUpperCase(), ANNEX.publicKey.toUpperCase())).toBe(true);
  });

  it('reproduces the published signature with the published nonce k, using the options sm2Sign uses', () => {
    // sm2Sign draws k at random; the library takes a precomputed (k, x1) pair instead.
    const kG = sm2PublicKeyFromPrivate(ANNEX.k);
    expect(kG.slice(2, 66)).toBe(ANNEX.x1);
    const signature = sm2.doSignature(Buffer.from(ANNEX.message), ANNEX.privateKey, {
      der: true,
      hash: true,
      publicKey: ANNEX.publicKey,
      pointPool: [{ k: BigInt(`0x${ANNEX.k}`), x1: BigInt(`0x${ANNEX.x1}`) }],
    });
    expect(signature).toBe(ANNEX_DER);
  });

  it('refuses the published signature for another message, key or user ID', () => {
    expect(sm2Verify('message digesT', ANNEX_DER, ANNEX.publicKey)).toBe(false);
    expect(sm2Verify('', ANNEX_DER, ANNEX.publicKey)).toBe(false);
    expect(sm2Verify(ANNEX.message, ANNEX_DER, generateSm2KeyPair().publicKey)).toBe(false);
    // The signature binds the user ID through Z: under GB/T 32918.2's example ID it is invalid.
    expect(sm2.doVerifySignature(ANNEX.message, `${ANNEX.r}${ANNEX.s}`, ANNEX.publicKey, { hash: true, userId: 'ALICE123@YAHOO.COM' })).toBe(false);
    // And it is no plain ECDSA-style signature over SM3(M) alone.
    expect(sm2.doVerifySignature(createHash('sm3').update(ANNEX.message).digest(), `${ANNEX.r}${ANNEX.s}`, ANNEX.publicKey, { hash: false })).toBe(false);
  });
});

describe('SM2 sign and verify', () => {
  const keys = generateSm2KeyPair();

  it('generates well-formed key pairs whose public key follows from the private key', () => {
    expect(keys.privateKey).toMatch(/^[0-9a-f]{64}$/);
    expect(keys.publicKey).toMatch(/^04[0-9a-f]{128}$/);
    expect(sm2PublicKeyFromPrivate(keys.privateKey)).toBe(keys.publicKey);
    expect(generateSm2KeyPair().privateKey).not.toBe(keys.privateKey);
  });

  it('round-trips strings (as UTF-8), bytes and the empty message', () => {
    for (const message of ['tree head 42', '诚信 · 审计日志', '', 'x'.repeat(10_000)]) {
      const signature = sm2Sign(message, keys.privateKey);
      expect(signature).toMatch(/^30[0-9a-f]+$/);
      expect(sm2Verify(message, signature, keys.publicKey)).toBe(true);
      expect(sm2Verify(Buffer.from(message, 'utf8'), signature, keys.publicKey)).toBe(true);
    }
    const bytes = Uint8Array.of(0, 1, 2, 255);
    expect(sm2Verify(bytes, sm2Sign(bytes, keys.privateKey), keys.publicKey)).toBe(true);
  });

  it('signs with a fresh nonce each time; both signatures verify', () => {
    const one = sm2Sign('same message', keys.privateKey);
    const two = sm2Sign('same message', keys.privateKey);
    expect(one).not.toBe(two);
    expect(sm2Verify('same message', one, keys.publicKey)).toBe(true);
    expect(sm2Verify('same message', two, keys.publicKey)).toBe(true);
  });

  it('refuses a changed message or another key', () => {
    const signature = sm2Sign('treeSize=10 root=ab', keys.privateKey);
    expect(sm2Verify('treeSize=11 root=ab', signature, keys.publicKey)).toBe(false);
    expect(sm2Verify('treeSize=10 root=ab ', signature, keys.publicKey)).toBe(false);
    expect(sm2Verify('treeSize=10 root=ab', signature, generateSm2KeyPair().publicKey)).toBe(false);
  });

  it('refuses the signature with any single byte changed, removed or added', () => {
    const signature = Buffer.from(sm2Sign('audit head', keys.privateKey), 'hex');
    for (let i = 0; i < signature.length; i++) {
      for (const mask of [0x01, 0x80, 0xff]) {
        const changed = Buffer.from(signature);
        changed[i]! ^= mask;
        expect(sm2Verify('audit head', changed.toString('hex'), keys.publicKey), `byte ${i} ^ ${mask}`).toBe(false);
      }
      const removed = Buffer.concat([signature.subarray(0, i), signature.subarray(i + 1)]);
      expect(sm2Verify('audit head', removed.toString('hex'), keys.publicKey), `without byte ${i}`).toBe(false);
    }
    for (const extra of ['00', '30', 'ff']) {
      expect(sm2Verify('audit head', signature.toString('hex') + extra, keys.publicKey), `trailing ${extra}`).toBe(false);
    }
  });

  it('refuses non-canonical and out-of-range encodings of a valid signature', () => {
    const r = BigInt(`0x${ANNEX.r}`);
    const s = BigInt(`0x${ANNEX.s}`);
    const verify = (signature: string) => sm2Verify(ANNEX.message, signature, ANNEX.publicKey);
    expect(verify(der(intHex(r), intHex(s)))).toBe(true);
    // s + n gives the same point arithmetic; GB/T 32918.2 step B2 requires s in [1, n-1].
    expect(verify(der(intHex(r), intHex(s + N)))).toBe(false);
    expect(verify(der(intHex(r + N), intHex(s)))).toBe(false);
    expect(verify(der(intHex(r), intHex(N - s)))).toBe(false);
    for (const [rr, ss] of [
      [0n, s],
      [r, 0n],
      [N, s],
      [r, N],
    ] as const) {
      expect(verify(der(intHex(rr), intHex(ss)))).toBe(false);
    }
    // Integers without their sign byte (negative), with an extra zero byte, or long-form lengths.
    expect(verify(der(ANNEX.r, ANNEX.s))).toBe(false);
    expect(verify(der(`00${intHex(r)}`, intHex(s)))).toBe(false);
    expect(verify(der(intHex(r), `00${intHex(s)}`))).toBe(false);
    expect(verify(ANNEX_DER.replace(/^3046/, '308146'))).toBe(false);
    // A zero byte in front of an integer whose top bit is clear: still within 33 bytes, not DER.
    const keys = generateSm2KeyPair();
    let signature = sm2Sign('padding', keys.privateKey);
    // Both integers 32 bytes long (top bits clear): about one signature in four.
    while (!signature.startsWith('30440220')) signature = sm2Sign('padding', keys.privateKey);
    const rHex = signature.slice(8, 72);
    const sPart = signature.slice(72);
    expect(sm2Verify('padding', signature, keys.publicKey)).toBe(true);
    expect(sm2Verify('padding', `3045022100${rHex}${sPart}`, keys.publicKey)).toBe(false);
    // Raw r ‖ s (the library's non-DER form) is not accepted where DER is expected.
    expect(verify(`${ANNEX.r}${ANNEX.s}`)).toBe(false);
    // A SEQUENCE with the integers swapped, or a third integer.
    expect(verify(der(intHex(s), intHex(r)))).toBe(false);
    expect(verify(`3049022100${ANNEX.r}022100${ANNEX.s}020101`)).toBe(false);
  });

  it('refuses malformed public keys and signatures without throwing', () => {
    const good = ANNEX.publicKey;
    const notOnCurve = `${good.slice(0, -2)}${good.endsWith('00') ? '01' : '00'}`;
    const compressed = `03${good.slice(2, 66)}`;
    for (const publicKey of ['', '04', good.slice(2), compressed, notOnCurve, `${good}00`, `05${good.slice(2)}`, 'zz'.repeat(65)]) {
      expect(sm2Verify(ANNEX.message, ANNEX_DER, publicKey), publicKey).toBe(false);
    }
    for (const signature of ['', '30', '3000', 'xyz', `${ANNEX_DER}0`, ' '.repeat(140)]) {
      expect(sm2Verify(ANNEX.message, signature, good), signature).toBe(false);
    }
    expect(sm2Verify(ANNEX.message, null as unknown as string, good)).toBe(false);
    expect(sm2Verify(ANNEX.message, ANNEX_DER, undefined as unknown as string)).toBe(false);
    expect(sm2Verify(42 as unknown as string, ANNEX_DER, good)).toBe(false);
  });

  it('refuses to sign with a private key outside [1, n-2]', () => {
    const hexOf = (v: bigint) => v.toString(16).padStart(64, '0');
    for (const bad of ['', 'zz'.repeat(32), ANNEX.privateKey.slice(2), hexOf(0n), hexOf(N - 1n), hexOf(N), 'f'.repeat(64)]) {
      expect(() => sm2Sign('m', bad), bad).toThrow(RangeError);
      expect(() => sm2PublicKeyFromPrivate(bad), bad).toThrow(RangeError);
    }
    for (const edge of [hexOf(1n), hexOf(N - 2n)]) {
      const publicKey = sm2PublicKeyFromPrivate(edge);
      expect(sm2Verify('m', sm2Sign('m', edge), publicKey)).toBe(true);
    }
  });

  it('property: any message signs and verifies, and no other message verifies (100 runs)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.uint8Array({ maxLength: 300 })), fc.uint8Array({ minLength: 1, maxLength: 8 }), (message, suffix) => {
        const signature = sm2Sign(message, keys.privateKey);
        expect(sm2Verify(message, signature, keys.publicKey)).toBe(true);
        const bytes = typeof message === 'string' ? Buffer.from(message, 'utf8') : Buffer.from(message);
        expect(sm2Verify(Buffer.concat([bytes, suffix]), signature, keys.publicKey)).toBe(false);
      }),
      { numRuns: 100 },
    );
  });

  it('property: arbitrary signature and key strings never throw (300 runs)', () => {
    fc.assert(
      fc.property(fc.string(), fc.oneof(fc.string(), fc.constant(ANNEX.publicKey)), fc.oneof(fc.string(), fc.uint8Array()), (signature, publicKey, message) => {
        expect(typeof sm2Verify(message, signature, publicKey)).toBe('boolean');
        expect(sm2Verify(message, `${ANNEX_DER.slice(0, 10)}${signature}`, ANNEX.publicKey)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

function opensslSupportsSm2(): boolean {
  try {
    execFileSync('openssl', ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:SM2'], { stdio: ['ignore', 'pipe', 'ignore'] });
    return true;
  } catch {
    return false;
  }
}

describe('SM2 interoperability with OpenSSL (an independent implementation)', () => {
  // OpenSSL's own SM2 code through the command line, with the distinguishing ID set explicitly
  // (its default is empty). Skipped where the openssl binary or its SM2 support is missing.
  it.skipIf(!opensslSupportsSm2())('each verifies the other\'s signature with ID 1234567812345678', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'chengxin-sm2-'));
    try {
      const file = (name: string) => path.join(dir, name);
      const openssl = (...args: string[]) => execFileSync('openssl', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:SM2', '-out', file('key.pem'));
      openssl('pkey', '-in', file('key.pem'), '-pubout', '-out', file('pub.pem'));
      const text = openssl('pkey', '-in', file('key.pem'), '-text', '-noout');
      const field = (label: string, next: string) => new RegExp(`${label}:([\\s\\S]*?)${next}`).exec(text)![1]!.replace(/[^0-9a-f]/g, '');
      // OpenSSL prints a leading 00 byte when the top bit is set.
      const privateKey = field('priv', 'pub:').padStart(64, '0').slice(-64);
      const publicKey = field('pub', 'ASN1 OID');
      expect(sm2PublicKeyFromPrivate(privateKey)).toBe(publicKey);

      const message = '{"treeSize":42,"rootHash":"ab"} 诚信';
      writeFileSync(file('msg'), message);
      const distid = ['-sigopt', 'distid:1234567812345678'];
      openssl('dgst', '-sm3', '-sign', file('key.pem'), ...distid, '-out', file('theirs.der'), file('msg'));
      const theirs = readFileSync(file('theirs.der')).toString('hex');
      expect(sm2Verify(message, theirs, publicKey)).toBe(true);
      expect(sm2Verify(`${message}!`, theirs, publicKey)).toBe(false);

      writeFileSync(file('ours.der'), Buffer.from(sm2Sign(message, privateKey), 'hex'));
      expect(openssl('dgst', '-sm3', '-verify', file('pub.pem'), ...distid, '-signature', file('ours.der'), file('msg'))).toContain('Verified OK');
      // With OpenSSL's default (empty) ID the same signature does not verify: the ID is really in Z.
      expect(() => openssl('dgst', '-sm3', '-verify', file('pub.pem'), '-signature', file('ours.der'), file('msg'))).toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
