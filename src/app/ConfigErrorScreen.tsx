import type { EnvProblem } from '../config/env.ts';

/** Shown instead of the app when a `VITE_*` setting is wrong: names it and says how to fix it. */
export function ConfigErrorScreen({ problems }: { problems: EnvProblem[] }) {
  return (
    <main className="page">
      <h1>Evo Sign-in Lab cannot start</h1>
      <p>
        {problems.length === 1 ? 'A setting' : `${problems.length} settings`} in this build&apos;s environment (
        <code>.env</code>) {problems.length === 1 ? 'is' : 'are'} wrong:
      </p>
      <ul className="config-problems">
        {problems.map((problem) => (
          <li key={problem.variable}>
            <p>
              <code>{problem.variable}</code>: {problem.problem}
            </p>
            <p>
              <strong>Fix:</strong> {problem.fix}
            </p>
          </li>
        ))}
      </ul>
      <p className="muted">
        <code>.env.example</code> lists every setting with its default. Restart <code>npm start</code> after changing{' '}
        <code>.env</code>.
      </p>
    </main>
  );
}
