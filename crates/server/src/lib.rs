//! TODO: server (see ARCHITECTURE.md).
