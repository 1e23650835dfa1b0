import type { Metadata } from 'next';
import { listExecutionsAction } from '../actions/executions';
import { ExecutionsLoader } from '../../components/executions/executions-loader';

export const metadata: Metadata = { title: 'Executions · elastic-script studio' };

/** The executions dashboard: every async execution, newest first, refreshed every 2 seconds. */
export default function ExecutionsPage() {
  return <ExecutionsLoader listExecutions={listExecutionsAction} />;
}
