import { afterEach, describe, expect, test, vi } from 'vitest';
import { fetchSmartStyle, isFontFamilyList, isPlainColour, smartStyleProperties } from './smart-style';

afterEach(() => vi.restoreAllMocks());

describe('SMART style validation', () => {
  test('accepts plain colours only', () => {
    for (const ok of ['#005eb8', '#FFF', '#00000080', 'rgb(0, 94, 184)', 'rgb(0 94 184 / 50%)', 'hsl(210deg 100% 36%)', 'navy'])
      expect(isPlainColour(ok), ok).toBe(true);
    for (const bad of [
      'var(--x)',
      'url(https://evil.example/x.png)',
      'red; background: url(x)',
      'calc(1px)',
      'inherit',
      'expression(alert(1))',
      '#12345',
      'notacolour',
      '',
    ])
      expect(isPlainColour(bad), bad).toBe(false);
  });

  test('accepts font family lists only', () => {
    expect(isFontFamilyList("Georgia, Times, 'Times New Roman', serif")).toBe(true);
    expect(isFontFamilyList('"Frutiger W01", Arial, sans-serif')).toBe(true);
    expect(isFontFamilyList('Arial; color: red')).toBe(false);
    expect(isFontFamilyList("url('x.woff')")).toBe(false);
    expect(isFontFamilyList('Arial, "unclosed')).toBe(false);
    expect(isFontFamilyList('inherit')).toBe(false);
  });

  test('maps SMART keys onto our custom properties, dropping implausible values and unknown keys', () => {
    expect(
      smartStyleProperties({
        color_background: '#edeae3',
        color_error: '#9e2d2d',
        color_highlight: '#69b5ce',
        color_modal_backdrop: '',
        color_success: '#498e49',
        color_text: '#303030',
        dim_border_radius: '6px',
        dim_font_size: '13px',
        dim_spacing_size: '20px',
        font_family_body: "Georgia, Times, 'Times New Roman', serif",
        font_family_heading: "'HelveticaNeue-Light', Helvetica, Arial, 'Lucida Grande', sans-serif",
        '--scr-color-text': 'red',
      }),
    ).toEqual({
      '--scr-color-background': '#edeae3',
      '--scr-color-error': '#9e2d2d',
      '--scr-color-highlight': '#69b5ce',
      '--scr-color-success': '#498e49',
      '--scr-color-text': '#303030',
      '--scr-border-radius': '6px',
      '--scr-font-size': '13px',
      '--scr-spacing': '20px',
      '--scr-font-family-body': "Georgia, Times, 'Times New Roman', serif",
      '--scr-font-family-heading': "'HelveticaNeue-Light', Helvetica, Arial, 'Lucida Grande', sans-serif",
    });
    expect(smartStyleProperties({ dim_font_size: '2px', dim_spacing_size: '900px', dim_border_radius: '1e3px' })).toEqual({});
    expect(smartStyleProperties({ dim_font_size: 13 })).toEqual({});
    expect(smartStyleProperties(JSON.parse('{"__proto__": {"color_text": "red"}, "toString": "red"}'))).toEqual({});
    expect(smartStyleProperties(null)).toEqual({});
    expect(smartStyleProperties(['#fff'])).toEqual({});
  });

  test('fetches without credentials and refuses other schemes, bad answers and oversized bodies', async () => {
    const spy = vi.spyOn(window, 'fetch').mockResolvedValue(new Response(JSON.stringify({ color_text: '#111111' })));
    await expect(fetchSmartStyle('https://ehr.example/style.json')).resolves.toEqual({ '--scr-color-text': '#111111' });
    expect(spy.mock.calls[0]?.[1]).toMatchObject({ credentials: 'omit' });

    await expect(fetchSmartStyle('javascript:alert(1)')).rejects.toThrow(/scheme/);
    spy.mockResolvedValue(new Response('nope', { status: 404 }));
    await expect(fetchSmartStyle('https://ehr.example/style.json')).rejects.toThrow(/404/);
    spy.mockResolvedValue(new Response('x'.repeat(40_000)));
    await expect(fetchSmartStyle('https://ehr.example/style.json')).rejects.toThrow(/too large/);
    spy.mockResolvedValue(new Response('{not json'));
    await expect(fetchSmartStyle('https://ehr.example/style.json')).rejects.toThrow();
  });
});
