// `harness mock` from the compiled package (dist/), as an installed package runs it: for the start-up row.
const { runCli } = await import(new URL('../dist/cli/main.js', import.meta.url).href);
process.exitCode = await runCli(['mock', ...process.argv.slice(2)], { stdout: process.stdout, stderr: process.stderr });
