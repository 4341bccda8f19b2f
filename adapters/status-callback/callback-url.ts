// Where a party may have its status events sent (SSRF): a subscription URL is chosen by the party, and
// the gateway POSTs to it from inside the operator's network, so a URL may not point inwards. The
// rules (config subscriptions, schemas/config.schema.json): http or https, no user name or password;
// when allowedHosts is given, the host must be in it (a name, or `*.suffix` for its subdomains); a
// host that is, or resolves to, an address that is not public (loopback, private, link-local, CGNAT,
// unique-local, multicast, unspecified, documentation, the IPv4-mapped forms of these) is refused
// unless allowPrivateNetworks is true or allowedHosts names the host itself. Checked when subscribing
// and again before every delivery (status-callback-adapter.ts), so a DNS change after subscribing
// cannot point a subscription at the inside; redirects are not followed.
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

export interface CallbackUrlPolicy {
  readonly allowedHosts: readonly string[];
  readonly allowPrivateNetworks: boolean;
}

const nonPublic = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.0.2.0', 24],
  ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) nonPublic.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['2001:db8::', 32], ['64:ff9b::', 96], ['100::', 64]] as const) nonPublic.addSubnet(net, prefix, 'ipv6');

/** Whether an IP address is not on the public internet (IPv4-mapped IPv6 judged as its IPv4 address). */
export function isNonPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped !== undefined) return nonPublic.check(mapped, 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return nonPublic.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

const hostMatches = (host: string, entry: string): boolean => (entry.startsWith('*.') ? host.endsWith(entry.slice(1)) && host.length > entry.length - 1 : host === entry);

/** Why a URL may not receive events; transient when only its host name could not be resolved now. */
export interface CallbackUrlProblem {
  readonly detail: string;
  readonly transient: boolean;
}

const refused = (detail: string): CallbackUrlProblem => ({ detail, transient: false });

/**
 * Why the URL may not receive status events, or undefined when it may. `resolve` gives a host name's
 * addresses (the system resolver by default).
 */
export async function callbackUrlProblem(
  text: string,
  policy: CallbackUrlPolicy,
  resolve: (host: string) => Promise<readonly string[]> = async (host) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address),
): Promise<CallbackUrlProblem | undefined> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return refused('must be an absolute http or https URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return refused('must be an http or https URL');
  if (url.username !== '' || url.password !== '') return refused('must not hold a user name or password');
  if (url.hash !== '') return refused('must not have a fragment');
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  const named = policy.allowedHosts.some((entry) => hostMatches(host, entry.replace(/^\[(.*)\]$/, '$1').toLowerCase()));
  if (policy.allowedHosts.length > 0 && !named) return refused(`its host "${host}" is not among the hosts this gateway sends events to (subscriptions.allowedHosts)`);
  if (policy.allowPrivateNetworks || named) return undefined;
  let addresses: readonly string[];
  if (isIP(host) !== 0) addresses = [host];
  else {
    try {
      addresses = await resolve(host);
    } catch {
      return { detail: `its host "${host}" cannot be resolved`, transient: true };
    }
  }
  if (addresses.length === 0) return { detail: `its host "${host}" cannot be resolved`, transient: true };
  const inward = addresses.find(isNonPublicAddress);
  return inward === undefined ? undefined : refused(`its host "${host}" is not a public address (${inward}); this gateway sends events to the public internet only (subscriptions.allowPrivateNetworks, allowedHosts)`);
}
