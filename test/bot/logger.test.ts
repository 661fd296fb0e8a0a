import { Writable } from 'node:stream';
import { createLogger } from '../../bot/logger';

it('never writes secrets, wherever they sit in a log record', () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger('info', sink);
  logger.info({ teams: { appPassword: 'hunter2' }, slack: { botToken: 'xoxb-secret', signingSecret: 'shh' } }, 'config');
  const out = lines.join('');
  expect(out).toContain('"appPassword":"***"');
  expect(out).not.toMatch(/hunter2|xoxb-secret|shh/);
});
