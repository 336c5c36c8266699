import { describe, expect, it } from 'vitest';
import { BlindIndex, FieldCipher, FieldDecryptionError, sm3Hex } from './crypto.ts';

describe('Guomi primitives', () => {
  it('SM3 matches the GB/T 32905-2016 test vector for "abc"', () => {
    expect(sm3Hex('abc')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });

  it('the blind index is deterministic per key and differs between keys', () => {
    const a = new BlindIndex(Buffer.alloc(32, 1));
    const b = new BlindIndex(Buffer.alloc(32, 2));
    expect(a.of('11010519491231002X')).toBe(a.of('11010519491231002X'));
    expect(a.of('11010519491231002X')).not.toBe(b.of('11010519491231002X'));
    expect(a.of('11010519491231002X')).toMatch(/^[0-9a-f]{64}$/);
  });

  it('SM4 field encryption round-trips, uses a fresh IV each time and never shows the plaintext', () => {
    const cipher = new FieldCipher(Buffer.alloc(32, 3));
    const one = cipher.encrypt('11010519491231002X');
    const two = cipher.encrypt('11010519491231002X');
    expect(one).not.toBe(two);
    expect(one.startsWith('v1:')).toBe(true);
    expect(one).not.toContain('110105');
    expect(cipher.decrypt(one)).toBe('11010519491231002X');
  });

  it('refuses a ciphertext with any changed byte, or one sealed under another key', () => {
    const cipher = new FieldCipher(Buffer.alloc(32, 3));
    const sealed = cipher.encrypt('419001199003071234');
    const raw = Buffer.from(sealed.slice(3), 'base64');
    for (const position of [0, 16, raw.length - 1]) {
      const tampered = Buffer.from(raw);
      tampered[position]! ^= 0x01;
      expect(() => cipher.decrypt(`v1:${tampered.toString('base64')}`)).toThrow(FieldDecryptionError);
    }
    expect(() => new FieldCipher(Buffer.alloc(32, 4)).decrypt(sealed)).toThrow(FieldDecryptionError);
    expect(() => cipher.decrypt(`v2:${sealed.slice(3)}`)).toThrow(/key version/);
  });
});
