// The Figures module; see ARCHITECTURE.md.
