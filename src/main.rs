use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = newsmill::cli::Cli::parse();
    match newsmill::cli::run(cli) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("newsmill: error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
