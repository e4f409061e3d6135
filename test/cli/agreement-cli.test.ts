/** `findings check --min-alpha`: a gate on coder agreement, naming each theme that falls short. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';

describe('findings check --min-alpha', () => {
  it('exits 1 and names each theme whose Krippendorff alpha is below the bar', async () => {
    const { exit, stderr } = await runCli(['check', 'surveys/rpa-2014.yaml', '--min-alpha', '0.8']);
    expect(exit).toBe(1);
    expect(stderr).toBe(
      'surveys/rpa-2014.yaml: 44 rows read, 44 used, 44 respondents; no problems\n' +
        "coder agreement below --min-alpha 0.8 in 2 themes (Krippendorff's alpha):\n" +
        '  timeline (Over what period): alpha 0.784\n' +
        '  beyond-money (More than "winning money"): alpha 0.567\n',
    );
  });

  it('exits 0 when every theme reaches it', async () => {
    const { exit, stderr } = await runCli(['check', 'fixtures/rpa-excerpts/survey.yaml', '--min-alpha', '0.5']);
    expect(exit).toBe(0);
    expect(stderr).toMatch(/coder agreement: every theme has Krippendorff's alpha of at least 0.5 \(lowest 0.567\)\n$/);
  });

  it('exits 2 when the study has a single coder, or the bar is not a share', async () => {
    const single = await runCli(['check', 'fixtures/small/survey.yaml', '--min-alpha', '0.8']);
    expect(single.exit).toBe(2);
    expect(single.stderr).toMatch(/--min-alpha: this study names one coder/);
    expect((await runCli(['check', 'surveys/rpa-2014.yaml', '--min-alpha', '1.5'])).exit).toBe(2);
  });

  it('keeps the exit code of errors in the data', async () => {
    const { exit } = await runCli(['check', 'fixtures/bad-unknown-theme/survey.yaml', '--min-alpha', '0.8']);
    expect(exit).toBe(2); // one coder: nothing to gate on, a usage error
  });
});
