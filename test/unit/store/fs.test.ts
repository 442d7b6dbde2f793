import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FsStore } from '../../../functions/store/fs.ts';
import { storeContract } from '../../helpers/store-contract.ts';

storeContract('folder', () => new FsStore(mkdtempSync(join(tmpdir(), 'fs-store-'))));
