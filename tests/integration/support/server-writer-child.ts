// The real browser-mode server, started as `condensa serve` starts it (folders from CONDENSA_HOME),
// with the transaction probe: the crash test writes to it over its WebSocket and kills it.
import { runCli } from '../../../electron/cli/main';
import { installTxProbe } from './tx-probe';

const say = (line: string) => process.stdout.write(`${line}\n`);
installTxProbe(say);
void runCli(['serve', '--port', '0'], { out: say, err: (t) => process.stderr.write(`${t}\n`), env: process.env, cwd: process.cwd() });
