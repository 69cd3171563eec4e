import { InputError } from '../errors';

/**
 * Validates an API base URL: https anywhere, plain http only on loopback (a local
 * emulator), no credentials, query or fragment that could leak or confuse.
 */
export function parseApiUrl(raw: string, settingName = 'API URL'): URL {
  const text = raw.trim();
  if (!text) throw new InputError(`The ${settingName} is empty.`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InputError(`The ${settingName} "${text}" is not a valid URL.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError(`The ${settingName} must start with https:// (got ${url.protocol}).`);
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new InputError(`The ${settingName} must use https://; http:// is allowed only for localhost.`);
  }
  if (url.username || url.password) throw new InputError(`The ${settingName} must not contain a user name or password.`);
  if (url.search || url.hash) throw new InputError(`The ${settingName} must not contain a query or fragment.`);
  return url;
}

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}
