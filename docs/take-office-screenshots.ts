/**
 * Re-takes docs/office-docx.png, docs/office-pptx.png and docs/office-xlsx.png: the 2015 round's
 * report.docx, slides.pptx and tables.xlsx as LibreOffice renders them (converted to PDF headlessly,
 * then a page of each rasterised at 60 dpi by poppler's pdftoppm; the workbook's Themes sheet at
 * 150 dpi, its top-left corner, so its figures can be read). Needs libreoffice-writer, -impress,
 * -calc and poppler-utils:
 *
 *   node --import tsx docs/take-office-screenshots.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../src/cli/main.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const temp = mkdtempSync(path.join(os.tmpdir(), 'findings-office-shots-'));
const out = path.join(temp, 'report');
const exit = await main(['run', 'surveys/rpa-2015.yaml', '--docx', '--pptx', '--xlsx', '--quiet', '--out', out], { cwd: root, stdout: process.stdout, stderr: process.stderr });
if (exit !== 0) process.exit(exit);
// page: which page of the PDF; crop: pdftoppm's -x -y -W -H at the given resolution.
const shots = [
  { file: 'report.docx', png: 'docs/office-docx', page: 1, resolution: 60, crop: [] as string[] },
  { file: 'slides.pptx', png: 'docs/office-pptx', page: 2, resolution: 60, crop: [] as string[] },
  { file: 'tables.xlsx', png: 'docs/office-xlsx', page: 4, resolution: 150, crop: ['-x', '80', '-y', '100', '-W', '1050', '-H', '240'] },
];
for (const shot of shots) {
  const profile = path.join(temp, `profile-${shot.file}`);
  execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${profile}`, '--convert-to', 'pdf', '--outdir', temp, path.join(out, shot.file)], { stdio: 'ignore' });
  const pdf = path.join(temp, `${path.basename(shot.file, path.extname(shot.file))}.pdf`);
  execFileSync('pdftoppm', ['-png', '-r', String(shot.resolution), '-f', String(shot.page), '-l', String(shot.page), ...shot.crop, '-singlefile', pdf, path.join(root, shot.png)]);
}
rmSync(temp, { recursive: true, force: true });
