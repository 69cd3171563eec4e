import type { Command } from '../backends/backend';

export const showLog: Command = {
  id: 'projectSecrets.showLog',
  run({ logger }) {
    logger.show();
  },
};
