import { getExampleAction, listExamplesAction } from './actions/examples';
import { getRunEventsAction, runScriptAction } from './actions/run';
import { StudioLoader } from '../components/editor/studio-loader';

/** The IDE: edit and run elastic-script, follow its background executions. */
export default function EditorPage() {
  return (
    <StudioLoader
      actions={{
        runScript: runScriptAction,
        getRunEvents: getRunEventsAction,
        listExamples: listExamplesAction,
        getExample: getExampleAction,
      }}
    />
  );
}
