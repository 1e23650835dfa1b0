import type { Route } from '../router';
import aliases from './aliases';
import bulk from './bulk';
import capabilities from './capabilities';
import cat from './cat';
import cluster from './cluster';
import deleteByQuery from './delete-by-query';
import documents from './documents';
import esql from './esql';
import indices from './indices';
import multi from './multi';
import resolve from './resolve';
import scroll from './scroll';
import search from './search';
import templates from './templates';
import update from './update';
import updateByQuery from './update-by-query';

/** Every REST route of the embedded engine (R17). */
export const ROUTES: Route[] = [
  ...cluster, ...indices, ...aliases, ...resolve, ...templates, ...documents, ...update, ...bulk, ...search, ...scroll, ...multi, ...deleteByQuery, ...updateByQuery, ...cat, ...esql, ...capabilities,
];
