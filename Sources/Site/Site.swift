// The Site module; see ARCHITECTURE.md.
