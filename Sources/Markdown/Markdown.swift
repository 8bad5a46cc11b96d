// The Markdown module; see ARCHITECTURE.md.
