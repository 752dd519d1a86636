use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = newsmill::cli::Cli::parse();
    std::process::ExitCode::from(newsmill::cli::run(cli) as u8)
}
