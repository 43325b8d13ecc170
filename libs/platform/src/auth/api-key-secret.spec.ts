import { apiKeyId, apiKeyMatches, hashApiKey, looksLikeApiKey, newApiKey, newApiKeyId } from './api-key-secret';

describe('API key secrets', () => {
  it('reads llk_<id>_<32 random bytes>, and its id back', () => {
    const id = newApiKeyId();
    const key = newApiKey(id);
    expect(key).toMatch(new RegExp(`^llk_${id}_[A-Za-z0-9_-]{43}$`));
    expect(apiKeyId(key)).toBe(id);
    expect(newApiKey(id)).not.toBe(key);
    expect(looksLikeApiKey(key)).toBe(true);
    expect(looksLikeApiKey('eyJhbGciOiJSUzI1NiJ9.e30.sig')).toBe(false);
  });

  it.each(['llk_', 'llk_abc', 'llk_abc_short', 'llk_ABC_' + 'x'.repeat(43), 'llk__' + 'x'.repeat(43), 'xlk_abc_' + 'x'.repeat(43)])(
    'finds no id in the malformed %s',
    (credential) => expect(apiKeyId(credential)).toBeUndefined(),
  );

  it('keeps a salted hash that matches the key and nothing else', () => {
    const key = newApiKey('abc');
    const stored = hashApiKey(key);
    expect(stored.hash).not.toContain(key);
    expect(apiKeyMatches(key, stored)).toBe(true);
    expect(apiKeyMatches(`${key}x`, stored)).toBe(false);
    expect(apiKeyMatches(newApiKey('abc'), stored)).toBe(false);
  });

  it('salts every hash: the same key hashes differently twice', () => {
    const key = newApiKey('abc');
    const [first, second] = [hashApiKey(key), hashApiKey(key)];
    expect(first.salt).not.toBe(second.salt);
    expect(first.hash).not.toBe(second.hash);
    expect(apiKeyMatches(key, second)).toBe(true);
  });

  it('refuses a stored hash of another length without throwing', () => {
    expect(apiKeyMatches(newApiKey('abc'), { salt: '00', hash: 'abcd' })).toBe(false);
  });
});
