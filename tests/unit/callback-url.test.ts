// Where status events may be sent (adapters/status-callback/callback-url.ts): a subscription URL is
// chosen by a party, so it may not point into the operator's network (SSRF) unless the operator says so.
import { describe, expect, it } from 'vitest';
import { callbackUrlProblem, isNonPublicAddress } from '../../adapters/status-callback/callback-url.ts';

const closed = { allowedHosts: [], allowPrivateNetworks: false };

describe('subscription URLs', () => {
  it('when the host is an address that is not public, then it is refused, in every notation', async () => {
    for (const host of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '[::1]', '[fe80::1]', '[fd00::1]', '[::ffff:127.0.0.1]', '[::ffff:a9fe:a9fe]']) {
      const problem = await callbackUrlProblem(`http://${host}/hook`, closed);
      expect(problem, host).toMatchObject({ transient: false, detail: expect.stringContaining('not a public address') });
    }
    expect(isNonPublicAddress('93.184.216.34')).toBe(false);
    expect(isNonPublicAddress('2a00:1450:4001:80b::200e')).toBe(false);
  });

  it('when a name resolves to loopback, then it is refused too (localhost through the system resolver)', async () => {
    expect(await callbackUrlProblem('http://localhost:8080/hook', closed)).toMatchObject({ transient: false, detail: expect.stringContaining('not a public address') });
  });

  it('when a public address is named, then it is taken; allowedHosts narrows and also opens a named inside host', async () => {
    expect(await callbackUrlProblem('https://93.184.216.34/hook', closed)).toBeUndefined();
    expect(await callbackUrlProblem('https://93.184.216.34/hook', { allowedHosts: ['hooks.example.nl'], allowPrivateNetworks: false })).toMatchObject({ detail: expect.stringContaining('allowedHosts') });
    expect(await callbackUrlProblem('http://127.0.0.1:9/hook', { allowedHosts: ['127.0.0.1'], allowPrivateNetworks: false })).toBeUndefined();
    expect(await callbackUrlProblem('http://a.hooks.example.nl/x', { allowedHosts: ['*.hooks.example.nl'], allowPrivateNetworks: true })).toBeUndefined();
    expect(await callbackUrlProblem('http://hooks.example.nl.evil.example/x', { allowedHosts: ['*.hooks.example.nl'], allowPrivateNetworks: true })).toMatchObject({ detail: expect.stringContaining('allowedHosts') });
    expect(await callbackUrlProblem('http://10.0.0.5/x', { allowedHosts: [], allowPrivateNetworks: true })).toBeUndefined();
  });

  it('when the URL is not plain http(s), then it is refused with a reason', async () => {
    expect(await callbackUrlProblem('file:///etc/passwd', closed)).toEqual({ detail: 'must be an http or https URL', transient: false });
    expect(await callbackUrlProblem('https://u:p@93.184.216.34/x', closed)).toEqual({ detail: 'must not hold a user name or password', transient: false });
    expect(await callbackUrlProblem('https://93.184.216.34/x#frag', closed)).toEqual({ detail: 'must not have a fragment', transient: false });
    expect(await callbackUrlProblem('not a url', closed)).toEqual({ detail: 'must be an absolute http or https URL', transient: false });
  });
});
