import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/report/html-render.ts';

describe('text a hostile server sent, in the HTML report', () => {
  it('markup is shown literally and control characters as visible escapes', () => {
    const sent = '<script>alert(1)</script>\u001b[31mred\u001b]8;;http://x\u0007 nul\u0000 "q" \'a\'\nnext line\ttab';
    const shown = escapeHtml(sent);
    expect(shown).not.toMatch(/[<>"'\u0000-\u0008\u000b-\u001f]/);
    expect(shown).toContain('&#60;script&#62;alert(1)&#60;/script&#62;\\u001b[31mred\\u001b]8;;http://x\\u0007 nul\\u0000');
    expect(shown).toContain('\nnext line\ttab');
  });
});
