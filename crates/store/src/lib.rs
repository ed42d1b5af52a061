//! TODO: store (see ARCHITECTURE.md).
