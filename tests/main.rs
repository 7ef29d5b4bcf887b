//! The app's tests, in one binary: the command line as a user runs it, and the desktop window
//! driven headless with iced_test.

mod cli;
mod gui_app;
mod gui_export;
mod gui_preview;
mod gui_received;
mod gui_support;
mod gui_yearly;
