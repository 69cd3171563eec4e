/** The .env reader moved to src/core/dotenv/ (it serves every backend); kept here for existing importers. */
export { parseDotenv, readDotenvFile, type DotenvEntry, type DotenvProblem, type DotenvResult } from '../dotenv/parse';
