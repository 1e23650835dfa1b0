/** SHOW INFO: one row with the version, build date and build hash the engine answers as (`GET /` reports the same). */
import type { ShowInfoNode } from '../ast';
import type { Column } from '../table';
import { ENGINE_BUILD_DATE, ENGINE_BUILD_HASH, ENGINE_VERSION } from '../../version';
import type { EsqlCommand } from './command';

const COLUMNS: Column[] = [{ name: 'version', type: 'keyword' }, { name: 'date', type: 'keyword' }, { name: 'hash', type: 'keyword' }];

export const showInfo: EsqlCommand<ShowInfoNode> = {
  name: 'SHOW_INFO', syntax: 'SHOW INFO', doc: 'One row: the version, build date and build hash of the engine.',
  columnsAfter: () => COLUMNS,
  validate: () => [],
  execute: () => ({ columns: COLUMNS, rows: [[ENGINE_VERSION, ENGINE_BUILD_DATE, ENGINE_BUILD_HASH]] }),
};
