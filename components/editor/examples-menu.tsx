'use client';

import {
  EuiButtonEmpty,
  EuiContextMenuItem,
  EuiContextMenuPanel,
  EuiLoadingSpinner,
  EuiPopover,
  EuiText,
} from '@elastic/eui';
import { useState } from 'react';
import type { ExampleSummary } from './queries';

/** Props of `ExamplesMenu`. */
export interface ExamplesMenuProps {
  /** The examples, once loaded. */
  examples: ExampleSummary[] | undefined;
  /** True while the list loads. */
  isLoading: boolean;
  /** A message when the list could not be loaded. */
  error: string | null;
  /** Loads the example named `name` into the editor. */
  onPick: (name: string) => void;
  /** Disables the menu (for example while an example is being fetched). */
  disabled?: boolean;
}

/** The toolbar's Examples menu: one click on an example replaces the editor buffer with it. */
export function ExamplesMenu({ examples, isLoading, error, onPick, disabled }: ExamplesMenuProps) {
  const [open, setOpen] = useState(false);
  const items = (examples ?? []).map((example) => (
    <EuiContextMenuItem
      key={example.name}
      icon="document"
      data-test-subj={`example-${example.name}`}
      onClick={() => {
        setOpen(false);
        onPick(example.name);
      }}
    >
      {example.title}
    </EuiContextMenuItem>
  ));
  const status = isLoading ? (
    <EuiLoadingSpinner size="m" />
  ) : error ? (
    <EuiText size="s" color="danger">
      {error}
    </EuiText>
  ) : items.length === 0 ? (
    <EuiText size="s" color="subdued">
      No examples found.
    </EuiText>
  ) : null;
  return (
    <EuiPopover
      button={
        <EuiButtonEmpty
          iconType="chevronSingleDown"
          iconSide="right"
          size="s"
          onClick={() => setOpen((value) => !value)}
          isDisabled={disabled}
          data-test-subj="examplesMenuButton"
        >
          Examples
        </EuiButtonEmpty>
      }
      isOpen={open}
      closePopover={() => setOpen(false)}
      panelPaddingSize="none"
      anchorPosition="downLeft"
    >
      {status ? (
        <div style={{ padding: 12, minWidth: 220 }}>{status}</div>
      ) : (
        <EuiContextMenuPanel items={items} style={{ minWidth: 260 }} data-test-subj="examplesMenu" />
      )}
    </EuiPopover>
  );
}
