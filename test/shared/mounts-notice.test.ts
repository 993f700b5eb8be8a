import { describe, expect, it } from 'vitest';
import { mountsNamedIn, unmountedPathMessage } from '../../src/shared/mounts-notice.ts';

describe('the mounts named in the mock\'s 404 for an unmounted path', () => {
  it('reads back what the mock writes, as the 404 body carries it (JSON)', () => {
    for (const mounts of [['/game-sessions'], ['/a', '/b', '/c'], ['/v1.2', '/ends-in-dot.', '/x_y']]) {
      const body = JSON.stringify({ error: unmountedPathMessage('nowhere', mounts) });
      expect(mountsNamedIn(body), mounts.join(' ')).toEqual(mounts);
    }
  });

  it('finds none in a text that lists none', () => {
    expect(mountsNamedIn('{"error":"not found"}')).toBeUndefined();
    expect(mountsNamedIn(undefined)).toBeUndefined();
  });
});
