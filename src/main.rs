//! `balai`: parse the command line, start logging, run the command (`balai::commands`).

use balai::cli::Cli;
use balai::telemetry;
use clap::Parser;
use std::process::ExitCode;

/// mimalloc instead of glibc's malloc: under load glibc spent a fifth of the CPU in malloc
/// and free (measured with perf on the browse page), and its per-thread arenas kept
/// hundreds of megabytes after the load had passed. Built with `no_thp`: mimalloc asks for
/// transparent huge pages on its arenas, which made memory resident 2 MB at a time (idle
/// RSS 79-88 MB with a million reports; 42 MB without, measured with `MIMALLOC_ALLOW_THP=0`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[actix_web::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    let (format, requests) = cli.logging();
    // Kept until the end of `main`: dropping it writes out the last log lines.
    let _log_writer = telemetry::init(format, requests);
    let (command, settings) = match cli.into_command() {
        Ok(c) => c,
        Err(e) => {
            eprintln!("balai: {e:#}");
            return ExitCode::FAILURE;
        }
    };
    balai::commands::run(command, settings).await
}
