/**
 * A child process for test/security/output-folder.test.ts: writes a small report of version
 * argv[4] (report.html, results.json, charts/a.svg and extra-<version>/only.txt) into argv[2] through writeOutputFolder and, at swap step argv[3], writes argv[2] + '.at'
 * and blocks, so the test can SIGKILL it exactly there. The test hook lives here, not in src/.
 */
import { writeFileSync } from 'node:fs';
import { writeOutputFolder } from '../../src/output/claim-output-folder.ts';

const [target, stopAt, version] = process.argv.slice(2) as [string, string, string];
const files = new Map<string, string>([
  ['report.html', `<p>version ${version}</p>\n`],
  ['results.json', `{"version": ${version}}\n`],
  ['charts/a.svg', `<svg><!-- ${version} --></svg>\n`],
  // A file only this version has, in a folder of its own: the next version deletes both.
  [`extra-${version}/only.txt`, `version ${version}\n`],
]);
const problem = await writeOutputFolder(target, files, {
  cwd: process.cwd(),
  inputs: [],
  lockWaitMs: 0,
  onStep: (step) => {
    if (step !== stopAt) return;
    writeFileSync(`${target}.at`, step);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
  },
});
if (problem !== null) {
  process.stderr.write(`${problem.message}\n`);
  process.exitCode = 2;
}
