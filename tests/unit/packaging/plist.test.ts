import { describe, expect, it } from 'vitest';
import { parsePlist } from '../../../scripts/lib/plist.mjs';

describe('parsePlist', () => {
  it('reads nested dicts and arrays, booleans, numbers and escaped strings', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
  <dict>
    <key>CFBundleDocumentTypes</key>
    <array>
      <dict>
        <key>CFBundleTypeExtensions</key>
        <array><string>condensa</string></array>
        <key>CFBundleTypeName</key>
        <string>Condensa &amp; Co</string>
      </dict>
    </array>
    <key>NSAllowsArbitraryLoads</key><true/>
    <key>Empty</key><array/>
    <key>Count</key><integer>3</integer>
  </dict>
</plist>`;
    expect(parsePlist(xml)).toEqual({
      CFBundleDocumentTypes: [{ CFBundleTypeExtensions: ['condensa'], CFBundleTypeName: 'Condensa & Co' }],
      NSAllowsArbitraryLoads: true,
      Empty: [],
      Count: 3,
    });
  });

  it('refuses a dict entry without a key', () => {
    expect(() => parsePlist('<plist><dict><string>x</string></dict></plist>')).toThrow('Expected a <key>');
  });
});
