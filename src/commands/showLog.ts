import type { Command } from './command';

export const showLog: Command = {
  id: 'projectSecrets.showLog',
  run({ logger }) {
    logger.show();
  },
};
