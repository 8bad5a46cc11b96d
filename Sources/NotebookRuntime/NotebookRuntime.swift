// The NotebookRuntime module; see ARCHITECTURE.md.
