// The Notebook module; see ARCHITECTURE.md.
