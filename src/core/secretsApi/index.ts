/** The Secrets API core (seed 002): models, rules, client and messages. No vscode here. */
export { keyCheckProjectId, SecretsApiClient, secretsApiService } from './client';
export { describeSecretsApiError, secretsApiErrorCodes } from './messages';
export { parseDeleteAnswer, parseSecretAnswer, parseSecretList, parseSecretSummary, type DeleteResult, type SecretSummary } from './models';
export {
  apiKeyProblem, capProblem, maxLastFourLength, maxSecretKeyLength, maxSecretValueLength, maxSecretsPerProject,
  parseSecretsApiUrl, projectIdProblem, secretKeyProblem, secretValueProblem, suggestedSecretKey,
} from './rules';
