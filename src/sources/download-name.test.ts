import { describe, expect, it } from 'vitest';
import { detectedExtension, downloadName } from './download-name';

const PDF = new TextEncoder().encode('%PDF-1.7 ...');
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]);
const TIFF = new Uint8Array([0x49, 0x49, 0x2a, 0x00, 8]);
const PROGRAM = new Uint8Array([0x4d, 0x5a, 0x90, 0x00]); // MZ: a Windows executable

describe('downloadName', () => {
  it('takes the extension from the detected type, never from the title', () => {
    expect(downloadName('Clinic letter: 01/02/2026 <b>', PDF)).toBe('Clinic letter 01 02 2026 b.pdf');
    expect(downloadName('scan.tiff', TIFF)).toBe('scan.tif');
    expect(downloadName('X-ray.png', PNG)).toBe('X-ray.png');
  });

  it.each([
    ['an executable', 'invoice.exe', PROGRAM, 'invoice.bin'],
    ['a double extension', 'letter.pdf.exe', PROGRAM, 'letter.bin'],
    ['a script claiming to be a PDF', 'results.pdf', new TextEncoder().encode('<script>alert(1)</script>'), 'results.bin'],
    ['an HTML page', 'discharge.html', new TextEncoder().encode('<html>'), 'discharge.bin'],
    ['a shortcut behind a PDF', 'report.lnk', PDF, 'report.pdf'],
    ['path parts', '../../etc/passwd', PROGRAM, 'etc passwd.bin'],
    ['nothing usable', '***', PROGRAM, 'document.bin'],
  ])('names %s safely', (_what, title, bytes, expected) => {
    expect(downloadName(title, bytes)).toBe(expected);
  });

  it('knows the common document and image signatures', () => {
    expect(
      [PDF, PNG, TIFF, new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), new TextEncoder().encode('GIF89a'), PROGRAM].map(detectedExtension),
    ).toEqual(['.pdf', '.png', '.tif', '.jpg', '.gif', '.bin']);
  });
});
