import { Browser, chromium } from 'playwright-core';

/**
 * Debian's Chromium, driven by playwright-core: nothing is downloaded at run time. The flags keep
 * it off the network, which this machine does not have anyway.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const ARTIFACTS_DIR = 'test-artifacts';
