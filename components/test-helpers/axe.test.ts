import { afterEach, expect, test } from 'vitest';
import { expectAccessible } from './axe';

const host = document.createElement('div');
afterEach(() => host.remove());

test('finds violations inside shadow roots', async () => {
  const root = host.attachShadow({ mode: 'open' });
  root.innerHTML = '<button></button><p style="color:#bbb;background:#fff">low contrast</p>';
  document.body.append(host);
  await expect(expectAccessible(host)).rejects.toThrow(/button-name[\s\S]*color-contrast|color-contrast[\s\S]*button-name/);
});
