/**
 * The `strata` command line: the same core the extension runs, for tests, benchmarks and terminals.
 */
import { describeFsError } from '../core/project/fileSystem';
import { parseArgs } from './args';
import { DOCTOR_USAGE, doctorCommand } from './doctorCommand';
import { FEATURE_USAGE, featureCommand } from './featureCommand';
import { GENERATE_USAGE, generateCommand } from './generateCommand';

const USAGE = `usage: strata <command> [options]

commands:
  ${GENERATE_USAGE.split('\n').join('\n  ')}

  ${FEATURE_USAGE.split('\n').join('\n  ')}

  ${DOCTOR_USAGE.split('\n').join('\n  ')}
`;

async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const err = (line: string) => process.stderr.write(`${line}\n`);
  switch (args.command) {
    case 'generate':
      return generateCommand(args, out, err);
    case 'feature':
      return featureCommand(args, out, err);
    case 'doctor':
      return doctorCommand(args, out, err);
    case undefined:
    case 'help':
    case '--help':
      out(USAGE);
      return args.command === undefined ? 2 : 0;
    default:
      err(`strata: unknown command "${args.command}"\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // File-system errors read as what happened ("the disk is full (ENOSPC)"), not as raw codes.
    process.stderr.write(`strata: ${describeFsError(error)}\n`);
    process.exitCode = 1;
  },
);
