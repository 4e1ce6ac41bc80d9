// Where built browser assets live, independent of the working directory.
import { fileURLToPath } from 'node:url';

export const distDir = fileURLToPath(new URL('../dist/', import.meta.url));
export const consoleDir = fileURLToPath(new URL('./console/', import.meta.url));
