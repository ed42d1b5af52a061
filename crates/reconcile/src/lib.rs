//! TODO: reconcile (see ARCHITECTURE.md).
